package org.eventingest.core.world;

import java.util.random.RandomGenerator;
import org.eventingest.core.EventType;
import org.eventingest.core.Money;
import org.eventingest.core.Payload;

/**
 * The five kinds of valid events, each drawn from the world and applied to it through its
 * methods: stock comes only from restocks and never goes below zero, purchases happen at open
 * shops at the current price within stock and balance, returns refer to earlier purchases and
 * never return more than was bought, price changes start from the current price, shop status
 * changes flip the shop. Each returns null when it cannot happen now.
 */
final class WorldEvents {

    /** How many draws an event gets to find a cell or user it can happen to. */
    static final int TRIES = 32;
    /** A write-off takes at most this many units; a restock adds at most {@link #MAX_RESTOCK}. */
    static final int MAX_WRITE_OFF = 10;
    static final int MAX_RESTOCK = 100;
    /** A purchase takes at most this many units. */
    static final int MAX_PURCHASE = 5;
    /** Restocks are write-offs (defect, loss) in {@code 2} draws of {@code 10}. */
    private static final int KIND_DRAWS = 10;
    static final String[] RESTOCK_REASONS = {"supplier delivery", "transfer in", "customer order restock"};
    static final String[] DEFECT_REASONS = {"damaged in storage", "expired", "factory defect"};
    static final String[] LOSS_REASONS = {"inventory shrinkage", "theft", "lost in transit"};

    private final World world;
    private final ShopPicker picker;
    private final EventMix mix;

    WorldEvents(World world, ShopPicker picker, EventMix mix) {
        this.world = world;
        this.picker = picker;
        this.mix = mix;
    }

    /** An event of a type drawn from the mix; when that type cannot happen, another type that can. */
    Payload next(RandomGenerator random) {
        final EventMix.Draws draws = mix.draws();
        while (true) {
            final EventType type = draws.next(random);
            if (type == null) {
                return restock(random); // nothing drawable can happen: a restock always can
            }
            final Payload payload = switch (type) {
                case RESTOCK -> restock(random);
                case PURCHASE -> purchase(random);
                case PRICE_CHANGE -> priceChange(random);
                case RETURN -> returns(random);
                case SHOP_STATUS -> shopStatus(random);
            };
            if (payload != null) {
                return payload;
            }
            draws.exclude(type);
        }
    }

    Payload.Restock restock(RandomGenerator random) {
        final int shop = picker.pick(random);
        final int kindDraw = Draw.below(random, KIND_DRAWS);
        if (kindDraw >= KIND_DRAWS - 2) {
            final Payload.RestockKind kind = kindDraw == KIND_DRAWS - 2 ? Payload.RestockKind.DEFECT
                    : Payload.RestockKind.LOSS;
            for (int i = 0; i < TRIES; i++) {
                final int good = Draw.below(random, world.spec().goods());
                final int cell = world.cell(shop, good);
                if (world.stock[cell] > 0) {
                    final int removed = 1 + Draw.below(random, Math.min(world.stock[cell], MAX_WRITE_OFF));
                    world.writeOff(cell, removed);
                    final String[] reasons = kind == Payload.RestockKind.DEFECT ? DEFECT_REASONS : LOSS_REASONS;
                    final String reason = reasons[Draw.below(random, reasons.length)];
                    return new Payload.Restock(world.shopId(shop), good + 1, -removed, reason, kind);
                }
            }
        }
        final int good = Draw.below(random, world.spec().goods());
        final int added = 1 + Draw.below(random, MAX_RESTOCK);
        world.restock(world.cell(shop, good), added);
        final String reason = RESTOCK_REASONS[Draw.below(random, RESTOCK_REASONS.length)];
        return new Payload.Restock(world.shopId(shop), good + 1, added, reason, Payload.RestockKind.RESTOCK);
    }

    Payload.Purchase purchase(RandomGenerator random) {
        for (int i = 0; i < TRIES; i++) {
            // The user first: once balances run low (long runs at large batches), most draws fail
            // there, and a user who cannot pay even the lowest price fails after one draw, not three.
            final int user = Draw.below(random, world.users());
            if (world.balance[user] < world.spec().priceMin()) {
                continue;
            }
            final int shop = picker.pick(random);
            if (world.closed[shop]) {
                continue;
            }
            final int good = Draw.below(random, world.spec().goods());
            final int cell = world.cell(shop, good);
            final long price = world.price[cell];
            if (world.stock[cell] <= 0 || world.balance[user] < price) {
                continue;
            }
            final int most = (int) Math.min(Math.min(world.stock[cell], MAX_PURCHASE), world.balance[user] / price);
            final int qty = 1 + Draw.below(random, most);
            final long orderId = world.buy(user, cell, qty);
            return new Payload.Purchase(orderId, world.userId(user), world.shopId(shop), good + 1, qty,
                    Money.ofCents(price));
        }
        return null;
    }

    private Payload.PriceChange priceChange(RandomGenerator random) {
        if (world.spec().priceMin() == world.spec().priceMax()) {
            return null;
        }
        final int shop = picker.pick(random);
        final int good = Draw.below(random, world.spec().goods());
        final int cell = world.cell(shop, good);
        final long old = world.price[cell];
        long next = world.randomPrice(random);
        if (next == old) {
            next = old == world.spec().priceMax() ? old - 1 : old + 1;
        }
        world.changePrice(cell, next);
        return new Payload.PriceChange(world.shopId(shop), good + 1, Money.ofCents(next), Money.ofCents(old));
    }

    private Payload.Return returns(RandomGenerator random) {
        if (world.ringCount == 0) {
            return null;
        }
        for (int i = 0; i < TRIES; i++) {
            final Payload.Return refund = returnOf(Draw.below(random, world.ringCount), random);
            if (refund != null) {
                return refund;
            }
        }
        return null;
    }

    /** Returns part of the order in ring slot {@code slot}, if anything of it is left. */
    Payload.Return returnOf(int slot, RandomGenerator random) {
        final int left = world.orderLeft[slot];
        if (left <= 0) {
            return null;
        }
        final int qty = 1 + Draw.below(random, left);
        final int cell = world.orderCell[slot];
        final long refund = world.refund(slot, qty);
        return new Payload.Return(world.orderId[slot], world.userId(world.orderUser[slot]),
                world.shopId(world.shopOf(cell)), world.goodOf(cell) + 1, qty, Money.ofCents(refund));
    }

    /** The ring slot of the newest order. */
    int newestSlot() {
        return world.ringNext == 0 ? world.orderId.length - 1 : world.ringNext - 1;
    }

    private Payload.ShopStatus shopStatus(RandomGenerator random) {
        // At most a quarter of the (partition's) shops are closed at once: past that, a status change reopens one.
        if (world.closedCount > 0 && (world.closedCount * 4 >= world.shops() || random.nextBoolean())) {
            return new Payload.ShopStatus(world.shopId(world.reopen(Draw.below(random, world.closedCount))), true);
        }
        final int shop = picker.pick(random);
        if (world.closed[shop]) {
            world.reopenShop(shop);
            return new Payload.ShopStatus(world.shopId(shop), true);
        }
        world.close(shop);
        return new Payload.ShopStatus(world.shopId(shop), false);
    }
}
