package org.eventingest.core.world;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Picks a shop index: uniformly, or by Zipf's law (shop k with weight 1/k^s), to make shards hot. */
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

    static ShopPicker zipf(int shops, double exponent) {
        final double[] cumulative = new double[shops];
        double sum = 0;
        for (int k = 0; k < shops; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
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
