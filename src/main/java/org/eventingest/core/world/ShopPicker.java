package org.eventingest.core.world;

import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Picks a local shop index: uniformly, or by Zipf's law (shop id k with weight 1/k^s), to make shards
 * hot. The weights follow the global shop ids: an instance of a partitioned world weighs its own shops
 * as the whole world weighs them (shop 1 stays the hottest of all); how the partitions compare with each
 * other is their rates' doing, each instance drawing its own ticks.
 */
final class ShopPicker {

    private final int shops;
    private final double[] cumulative;

    private ShopPicker(int shops, double[] cumulative) {
        this.shops = shops;
        this.cumulative = cumulative;
    }

    static ShopPicker uniform(int shops) {
        return new ShopPicker(shops, null);
    }

    /** {@code shopId} gives the global id of a local index, which its weight follows. */
    static ShopPicker zipf(int shops, double exponent, IntToLongFunction shopId) {
        final double[] cumulative = new double[shops];
        double sum = 0;
        for (int k = 0; k < shops; k++) {
            sum += 1.0 / Math.pow(shopId.applyAsLong(k), exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < shops; k++) {
            cumulative[k] /= sum;
        }
        return new ShopPicker(shops, cumulative);
    }

    int pick(RandomGenerator random) {
        if (cumulative == null) {
            return Draw.below(random, shops);
        }
        final int found = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(found >= 0 ? found : -found - 1, shops - 1);
    }
}
