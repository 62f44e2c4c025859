package org.eventingest.core;

import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * Independent random events of all five types, each valid on its own (positive ids, positive
 * prices, {@code qty > 0}, {@code sub_event_type} matching the sign of {@code delta_count}) but
 * not coherent with each other: returns do not refer to real purchases, stock is not tracked.
 *
 * <p>Timestamps spread evenly over the interval that the tick closes, so a file is in time order.
 * Order ids are {@code boundary epoch second × 10⁸ + index}: unique across ticks.
 */
public final class RandomEventGenerator implements EventGenerator {

    /** Order ids leave room for this many events in one tick. */
    public static final int MAX_EVENTS_PER_TICK = 100_000_000;

    private static final String[] RESTOCK_REASONS = {"supplier delivery", "transfer in", "customer order restock"};
    private static final String[] DEFECT_REASONS = {"damaged in storage", "expired", "factory defect"};
    private static final String[] LOSS_REASONS = {"inventory shrinkage", "theft", "lost in transit"};

    private final int shops;
    private final int goods;
    private final int users;

    public RandomEventGenerator(int shops, int goods, int users) {
        this.shops = shops;
        this.goods = goods;
        this.users = users;
    }

    @Override
    public Iterator<Event> events(Tick tick) {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < tick.size();
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final Event event = event(tick, index);
                index++;
                return event;
            }
        };
    }

    private Event event(Tick tick, int index) {
        final RandomGenerator random = tick.random();
        final long intervalMillis = tick.interval().toMillis();
        final Instant start = tick.boundary().minusMillis(intervalMillis);
        final Instant timestamp = start.plusMillis(intervalMillis * index / tick.size());
        final EventType type = EventType.ofCode(random.nextInt(EventType.values().length));
        final long shop = 1 + random.nextInt(shops);
        final long good = 1 + random.nextInt(goods);
        final long user = 1 + random.nextInt(users);
        final long epochSecond = tick.boundary().getEpochSecond();
        final Payload payload = switch (type) {
            case RESTOCK -> restock(random, shop, good);
            case PURCHASE -> new Payload.Purchase(epochSecond * MAX_EVENTS_PER_TICK + index, user, shop, good,
                    quantity(random), price(random));
            case PRICE_CHANGE -> {
                final Money oldPrice = price(random);
                long newCents = price(random).cents();
                if (newCents == oldPrice.cents()) {
                    newCents = oldPrice.cents() + 1;
                }
                yield new Payload.PriceChange(shop, good, Money.ofCents(newCents), oldPrice);
            }
            case RETURN -> {
                // An order of the previous interval: plausible, not checked against real purchases.
                final long earlierSecond = epochSecond - tick.interval().toSeconds();
                final int qty = quantity(random);
                yield new Payload.Return(earlierSecond * MAX_EVENTS_PER_TICK + random.nextInt(tick.size()), user,
                        shop, good, qty, price(random).times(qty));
            }
            case SHOP_STATUS -> new Payload.ShopStatus(shop, random.nextBoolean());
        };
        return new Event(payload, timestamp);
    }

    private static Payload.Restock restock(RandomGenerator random, long shop, long good) {
        final Payload.RestockKind kind = Payload.RestockKind.values()[random.nextInt(3)];
        return switch (kind) {
            case RESTOCK -> new Payload.Restock(shop, good, 1 + random.nextInt(100),
                    RESTOCK_REASONS[random.nextInt(RESTOCK_REASONS.length)], kind);
            case DEFECT -> new Payload.Restock(shop, good, -(1 + random.nextInt(10)),
                    DEFECT_REASONS[random.nextInt(DEFECT_REASONS.length)], kind);
            case LOSS -> new Payload.Restock(shop, good, -(1 + random.nextInt(10)),
                    LOSS_REASONS[random.nextInt(LOSS_REASONS.length)], kind);
        };
    }

    private static int quantity(RandomGenerator random) {
        return 1 + random.nextInt(5);
    }

    /** 1.00 to 999.99. */
    private static Money price(RandomGenerator random) {
        return Money.ofCents(100 + random.nextInt(99_900));
    }
}
