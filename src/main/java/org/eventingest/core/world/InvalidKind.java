package org.eventingest.core.world;

import java.util.random.RandomGenerator;
import org.eventingest.core.Money;
import org.eventingest.core.Payload;

/**
 * The labelled invalid events: each breaks exactly one invariant, with the reason its truth
 * record gives, and changes nothing in the world (but for the order id it takes, which stays
 * unique). Each returns null when the world gives it nothing to break now.
 */
enum InvalidKind {

    BEYOND_STOCK("purchase beyond stock") {
        @Override
        Payload make(World world, ShopPicker picker, RandomGenerator random) {
            final int shop = openShop(world, picker, random);
            if (shop < 0) {
                return null;
            }
            final int good = Draw.below(random, world.spec().goods());
            final int cell = world.cell(shop, good);
            final int qty = world.stock[cell] + 1 + Draw.below(random, 3);
            return new Payload.Purchase(world.takeOrderId(), anyUser(world, random), world.shopId(shop), good + 1,
                    qty, Money.ofCents(world.price[cell]));
        }
    },
    OVER_BALANCE("purchase over the user's balance") {
        @Override
        Payload make(World world, ShopPicker picker, RandomGenerator random) {
            final int shop = openShop(world, picker, random);
            if (shop < 0) {
                return null;
            }
            final int good = Draw.below(random, world.spec().goods());
            final int cell = world.cell(shop, good);
            final int user = Draw.below(random, world.users());
            final long price = world.price[cell];
            final long qty = world.balance[user] / price + 1;
            if (qty > Integer.MAX_VALUE) {
                return null;
            }
            return new Payload.Purchase(world.takeOrderId(), world.userId(user), world.shopId(shop), good + 1,
                    (int) qty, Money.ofCents(price));
        }
    },
    AT_CLOSED_SHOP("purchase at a closed shop") {
        @Override
        Payload make(World world, ShopPicker picker, RandomGenerator random) {
            if (world.closedCount == 0) {
                return null;
            }
            final int shop = world.closedList[Draw.below(random, world.closedCount)];
            final int good = Draw.below(random, world.spec().goods());
            return new Payload.Purchase(world.takeOrderId(), anyUser(world, random), world.shopId(shop), good + 1,
                    1, Money.ofCents(world.price[world.cell(shop, good)]));
        }
    },
    UNKNOWN_RETURN("return of an unknown order") {
        @Override
        Payload make(World world, ShopPicker picker, RandomGenerator random) {
            final int shop = picker.pick(random);
            final int good = Draw.below(random, world.spec().goods());
            final int qty = 1 + Draw.below(random, 3);
            return new Payload.Return(world.takeOrderId(), anyUser(world, random), world.shopId(shop), good + 1,
                    qty, Money.ofCents(world.price[world.cell(shop, good)]).times(qty));
        }
    },
    WRITE_OFF_BEYOND_STOCK("write-off beyond stock") {
        @Override
        Payload make(World world, ShopPicker picker, RandomGenerator random) {
            final int shop = picker.pick(random);
            final int good = Draw.below(random, world.spec().goods());
            final int removed = world.stock[world.cell(shop, good)] + 1 + Draw.below(random, 5);
            return new Payload.Restock(world.shopId(shop), good + 1, -removed,
                    WorldEvents.LOSS_REASONS[Draw.below(random, WorldEvents.LOSS_REASONS.length)],
                    Payload.RestockKind.LOSS);
        }
    },
    STALE_PRICE_CHANGE("price change from a price that is not the current one") {
        @Override
        Payload make(World world, ShopPicker picker, RandomGenerator random) {
            for (int i = 0; i < WorldEvents.TRIES; i++) {
                final int shop = picker.pick(random);
                final int good = Draw.below(random, world.spec().goods());
                final int cell = world.cell(shop, good);
                if (world.priced.get(cell)) {
                    final long stale = world.price[cell] + 1 + Draw.below(random, 100);
                    return new Payload.PriceChange(world.shopId(shop), good + 1, Money.ofCents(stale + 1),
                            Money.ofCents(stale));
                }
            }
            return null;
        }
    };

    private static final InvalidKind[] KINDS = values();

    private final String reason;

    InvalidKind(String reason) {
        this.reason = reason;
    }

    /** What its truth record says this event breaks. */
    String reason() {
        return reason;
    }

    abstract Payload make(World world, ShopPicker picker, RandomGenerator random);

    /** The kind at {@code (first + k) % kinds}: a drawn kind first, then the others in turn. */
    static InvalidKind nth(int first, int k) {
        return KINDS[(first + k) % KINDS.length];
    }

    static int count() {
        return KINDS.length;
    }

    /** The wire id of a user drawn uniformly from the world's. */
    private static long anyUser(World world, RandomGenerator random) {
        return world.userId(Draw.below(random, world.users()));
    }

    private static int openShop(World world, ShopPicker picker, RandomGenerator random) {
        for (int i = 0; i < WorldEvents.TRIES; i++) {
            final int shop = picker.pick(random);
            if (!world.closed[shop]) {
                return shop;
            }
        }
        return -1;
    }
}
