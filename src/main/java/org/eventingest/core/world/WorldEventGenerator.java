package org.eventingest.core.world;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.Event;
import org.eventingest.core.EventGenerator;
import org.eventingest.core.EventLines;
import org.eventingest.core.EventType;
import org.eventingest.core.Money;
import org.eventingest.core.Payload;
import org.eventingest.core.Tick;

/**
 * Events that follow from a simulated {@link World}: stock comes only from restocks and never goes
 * below zero, purchases happen at open shops, at the current price, within stock and balance,
 * returns refer to earlier purchases and never return more than was bought, price changes start
 * from the current price, shop status changes flip the shop. When the drawn type cannot happen,
 * another type that can is drawn, so every tick has its drawn number of events.
 *
 * <p>Anomalies, at the configured rates, are labelled in the tick's {@link TickTruth} and never
 * change the world: duplicates (byte-identical copies, in the same or the next file), out-of-order
 * returns (the last line of a file returns a purchase that is the first line of the next file),
 * invalid events (breaking one invariant) and malformed lines.
 */
public final class WorldEventGenerator implements EventGenerator {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorldEventGenerator.class);
    private static final int TRIES = 32;
    private static final String[] RESTOCK_REASONS = {"supplier delivery", "transfer in", "customer order restock"};
    private static final String[] DEFECT_REASONS = {"damaged in storage", "expired", "factory defect"};
    private static final String[] LOSS_REASONS = {"inventory shrinkage", "theft", "lost in transit"};

    private final WorldSettings settings;
    private final int[] weights;
    private final int totalWeight;
    private final int[] remaining;
    private final AnomalySettings anomalies;
    private final int shardsCount;
    private final Clock clock;
    private final long seed;
    private final WorldStore store;
    private final ShopPicker picker;
    private final double duplicateRate;
    private final double invalidRate;
    private final double malformedRate;

    private World world;
    private TickTruth truth;

    /**
     * @param store where the world is loaded from and saved to after each published file; null
     *              keeps it in memory only (benchmarks)
     */
    public WorldEventGenerator(WorldSettings settings, int[] weights, AnomalySettings anomalies, int shardsCount,
                               Clock clock, long seed, WorldStore store) {
        this.settings = settings;
        this.weights = weights.clone();
        this.totalWeight = java.util.Arrays.stream(weights).sum();
        this.remaining = new int[weights.length];
        this.anomalies = anomalies;
        this.shardsCount = shardsCount;
        this.clock = clock;
        this.seed = seed;
        this.store = store;
        this.duplicateRate = anomalies.getDuplicate();
        this.invalidRate = anomalies.getInvalid();
        this.malformedRate = anomalies.getMalformed();
        this.picker = settings.isZipf() ? ShopPicker.zipf(settings.getShops(), settings.getZipfExponent())
                : ShopPicker.uniform(settings.getShops());
        this.world = store == null ? World.create(settings, seed) : store.loadOrCreate(settings, seed);
    }

    @Override
    public Iterator<Event> events(Tick tick) {
        truth = new TickTruth(tick.prefix() + Tick.FILE_SUFFIX, shardsCount);
        return new TickLines(tick);
    }

    @Override
    public void published(Tick tick, String prefix) {
        if (store == null) {
            return;
        }
        try {
            store.save(world, truth);
            if (saveFailing) {
                LOG.info("world saved again in the state directory");
                saveFailing = false;
            }
        } catch (java.io.UncheckedIOException e) {
            // The file is out: the world goes on in memory, and the next file saves it again.
            if (!saveFailing) {
                LOG.warn("cannot save the world after {}: {}; a restart now would continue from an older world",
                        prefix, e.getCause().toString());
                saveFailing = true;
            }
        }
    }

    private boolean saveFailing;

    @Override
    public void abandoned(Tick tick) {
        if (store != null) {
            world = store.loadOrCreate(settings, seed);
        }
        // Without a store (benchmarks) there is nothing to go back to; keeping the world keeps order ids unique.
    }

    /** The truth of the last tick generated. */
    public TickTruth truth() {
        return truth;
    }

    /** The world as it is now (after the last tick generated). */
    public WorldView view() {
        return world.view();
    }

    /** A line waiting to be written, with what it counts as and the anomaly it is, if any. */
    private record Pending(Event event, EventType type, long shopId, boolean original,
                           IntFunction<TickTruth.Anomaly> anomaly) {
    }

    private final class TickLines implements Iterator<Event> {
        private final Tick tick;
        private final RandomGenerator random;
        private final Instant start;
        private final long intervalMillis;
        private final ArrayDeque<Pending> ready = new ArrayDeque<>();
        private boolean opened;
        private boolean closed;
        private int slot;
        private int line;
        private Pending lastOriginal;
        private int lastOriginalLine;
        private Instant savedAt;

        TickLines(Tick tick) {
            this.tick = tick;
            this.random = tick.random();
            this.intervalMillis = tick.interval().toMillis();
            this.start = tick.boundary().minusMillis(intervalMillis);
        }

        @Override
        public boolean hasNext() {
            fill();
            return !ready.isEmpty();
        }

        @Override
        public Event next() {
            fill();
            final Pending pending = ready.poll();
            if (pending == null) {
                throw new NoSuchElementException();
            }
            line++;
            truth.line(pending.type(), pending.shopId());
            if (pending.anomaly() != null) {
                truth.anomaly(pending.anomaly().apply(line));
            }
            if (pending.original()) {
                lastOriginal = pending;
                lastOriginalLine = line;
            }
            return pending.event();
        }

        private void fill() {
            while (ready.isEmpty()) {
                if (!opened) {
                    opened = true;
                    open();
                } else if (slot < tick.size()) {
                    slot(slot++);
                } else if (!closed) {
                    closed = true;
                    close();
                } else {
                    return;
                }
            }
        }

        /** What the previous file left for this one: a held purchase, a duplicate of its last line. */
        private void open() {
            if (world.heldLine != null) {
                ready.add(new Pending(Event.raw(world.heldLine, null), EventType.PURCHASE, world.heldShop + 1L, true, null));
                world.heldLine = null;
            }
            if (world.lastLine != null && duplicateRate > 0 && random.nextDouble() < duplicateRate) {
                final String ofFile = world.lastLineFile;
                final int ofLine = world.lastLineNo;
                ready.add(new Pending(Event.raw(world.lastLine, null), EventType.ofCode(world.lastLineType),
                        world.lastLineShop, false, at -> new TickTruth.Anomaly(at, "duplicate", null,
                        Map.of("file", ofFile, "line", ofLine))));
            }
        }

        private void slot(int index) {
            final Instant timestamp = start.plusMillis(intervalMillis * index / tick.size());
            // saved_at has millisecond resolution: the clock is read every 64 events, not for each.
            if ((index & 63) == 0) {
                savedAt = clock.instant();
            }
            Pending pending = null;
            // A rate of 0 draws nothing: clean runs spend no time on anomalies.
            if (invalidRate > 0 && random.nextDouble() < invalidRate) {
                pending = invalid(random, timestamp, savedAt);
            }
            if (pending == null) {
                final Payload payload = normal(random);
                pending = new Pending(Event.of(payload, timestamp, savedAt), payload.type(), payload.shopId(), true, null);
            }
            ready.add(pending);
            final Event event = pending.event();
            if (duplicateRate > 0 && random.nextDouble() < duplicateRate) {
                ready.add(new Pending(event, pending.type(), pending.shopId(), false, at -> new TickTruth.Anomaly(at,
                        "duplicate", null, Map.of("file", truth.file(), "line", at - 1))));
            }
            if (malformedRate > 0 && random.nextDouble() < malformedRate) {
                // Cut short of its closing brace: not JSON, and still as unique as the event it was.
                final String text = EventLines.toLine(event);
                ready.add(new Pending(Event.raw(text.substring(0, text.length() - 1), null), null, 0, false,
                        at -> new TickTruth.Anomaly(at, "malformed", null, null)));
            }
        }

        /** Remembers the last line for a duplicate in the next file; may end the file with an out-of-order return. */
        private void close() {
            if (lastOriginal != null) {
                final Event event = lastOriginal.event();
                world.lastLine = event.isRaw() ? event.raw() : EventLines.toLine(event);
                world.lastLineFile = truth.file();
                world.lastLineNo = lastOriginalLine;
                world.lastLineType = lastOriginal.type().code();
                world.lastLineShop = lastOriginal.shopId();
            }
            final double chance = Math.min(1.0, anomalies.getOutOfOrder() * tick.size());
            if (chance > 0 && random.nextDouble() < chance) {
                final Payload.Purchase purchase = purchase(random);
                if (purchase == null) {
                    return;
                }
                final Payload.Return refund = returnOf(world.ringNext == 0 ? world.orderId.length - 1 : world.ringNext - 1,
                        random);
                final Instant at = tick.boundary().minusMillis(1);
                final Instant savedAt = clock.instant();
                world.heldLine = EventLines.toLine(Event.of(purchase, at, savedAt));
                world.heldShop = (int) purchase.shopId() - 1;
                final Map<String, Object> about = describe(refund);
                ready.add(new Pending(Event.of(refund, at, savedAt), EventType.RETURN, refund.shopId(), false,
                        line -> new TickTruth.Anomaly(line, "out_of_order", "its purchase is the first line of the next file",
                                about)));
            }
        }
    }

    // ---- events that follow from the world (and change it) ----

    private Payload normal(RandomGenerator random) {
        int[] left = weights;
        int total = totalWeight;
        while (true) {
            if (total == 0) {
                return restock(random); // nothing drawable can happen: a restock always can
            }
            int draw = Draw.below(random, total);
            int type = 0;
            while (draw >= left[type]) {
                draw -= left[type];
                type++;
            }
            final Payload payload = switch (EventType.ofCode(type)) {
                case RESTOCK -> restock(random);
                case PURCHASE -> purchase(random);
                case PRICE_CHANGE -> priceChange(random);
                case RETURN -> returns(random);
                case SHOP_STATUS -> shopStatus(random);
            };
            if (payload != null) {
                return payload;
            }
            // That type cannot happen now: draw among the others (a copy only then, not for every event).
            if (left == weights) {
                System.arraycopy(weights, 0, remaining, 0, weights.length);
                left = remaining;
            }
            total -= left[type];
            left[type] = 0;
        }
    }

    private Payload.Restock restock(RandomGenerator random) {
        final int shop = picker.pick(random);
        final int kindDraw = Draw.below(random, 10);
        if (kindDraw >= 8) {
            final Payload.RestockKind kind = kindDraw == 8 ? Payload.RestockKind.DEFECT : Payload.RestockKind.LOSS;
            for (int i = 0; i < TRIES; i++) {
                final int good = Draw.below(random, world.goods);
                final int cell = world.cell(shop, good);
                if (world.stock[cell] > 0) {
                    final int removed = 1 + Draw.below(random, Math.min(world.stock[cell], 10));
                    world.stock[cell] -= removed;
                    final String[] reasons = kind == Payload.RestockKind.DEFECT ? DEFECT_REASONS : LOSS_REASONS;
                    final String reason = reasons[Draw.below(random, reasons.length)];
                    return new Payload.Restock(shop + 1, good + 1, -removed, reason, kind);
                }
            }
        }
        final int good = Draw.below(random, world.goods);
        final int added = 1 + Draw.below(random, 100);
        world.stock[world.cell(shop, good)] += added;
        final String reason = RESTOCK_REASONS[Draw.below(random, RESTOCK_REASONS.length)];
        return new Payload.Restock(shop + 1, good + 1, added, reason, Payload.RestockKind.RESTOCK);
    }

    private Payload.Purchase purchase(RandomGenerator random) {
        for (int i = 0; i < TRIES; i++) {
            // The user first: once balances run low (long runs at large batches), most draws fail
            // there, and a user who cannot pay even the lowest price fails after one draw, not three.
            final int user = Draw.below(random, world.users);
            if (world.balance[user] < world.priceMinCents) {
                continue;
            }
            final int shop = picker.pick(random);
            if (world.closed[shop]) {
                continue;
            }
            final int good = Draw.below(random, world.goods);
            final int cell = world.cell(shop, good);
            final long price = world.price[cell];
            if (world.stock[cell] <= 0 || world.balance[user] < price) {
                continue;
            }
            final int most = (int) Math.min(Math.min(world.stock[cell], 5), world.balance[user] / price);
            final int qty = 1 + Draw.below(random, most);
            world.stock[cell] -= qty;
            world.balance[user] -= qty * price;
            world.priced.set(cell);
            final long orderId = world.newOrderId();
            world.addOrder(orderId, user, cell, qty, price);
            return new Payload.Purchase(orderId, user + 1, shop + 1, good + 1, qty, Money.ofCents(price));
        }
        return null;
    }

    private Payload.PriceChange priceChange(RandomGenerator random) {
        if (world.priceMinCents == world.priceMaxCents) {
            return null;
        }
        final int shop = picker.pick(random);
        final int good = Draw.below(random, world.goods);
        final int cell = world.cell(shop, good);
        final long old = world.price[cell];
        long next = world.randomPrice(random);
        if (next == old) {
            next = old == world.priceMaxCents ? old - 1 : old + 1;
        }
        world.price[cell] = next;
        world.priced.set(cell);
        return new Payload.PriceChange(shop + 1, good + 1, Money.ofCents(next), Money.ofCents(old));
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
    private Payload.Return returnOf(int slot, RandomGenerator random) {
        final int left = world.orderLeft[slot];
        if (left <= 0) {
            return null;
        }
        final int qty = 1 + Draw.below(random, left);
        final int cell = world.orderCell[slot];
        final int user = world.orderUser[slot];
        final long refund = qty * world.orderPrice[slot];
        world.orderLeft[slot] -= qty;
        world.stock[cell] += qty;
        world.balance[user] += refund;
        return new Payload.Return(world.orderId[slot], user + 1, world.shopOf(cell) + 1, world.goodOf(cell) + 1, qty,
                Money.ofCents(refund));
    }

    private Payload.ShopStatus shopStatus(RandomGenerator random) {
        if (world.closedCount > 0 && (world.closedCount * 4 >= world.shops || random.nextBoolean())) {
            final int index = Draw.below(random, world.closedCount);
            final int shop = world.closedList[index];
            world.reopen(index);
            return new Payload.ShopStatus(shop + 1, true);
        }
        final int shop = picker.pick(random);
        if (world.closed[shop]) {
            for (int index = 0; index < world.closedCount; index++) {
                if (world.closedList[index] == shop) {
                    world.reopen(index);
                    break;
                }
            }
            return new Payload.ShopStatus(shop + 1, true);
        }
        world.close(shop);
        return new Payload.ShopStatus(shop + 1, false);
    }

    // ---- invalid events: each breaks one invariant and changes nothing in the world ----

    private Pending invalid(RandomGenerator random, Instant timestamp, Instant savedAt) {
        final int first = Draw.below(random, 6);
        for (int k = 0; k < 6; k++) {
            final int kind = (first + k) % 6;
            final String reason = switch (kind) {
                case 0 -> "purchase beyond stock";
                case 1 -> "purchase over the user's balance";
                case 2 -> "purchase at a closed shop";
                case 3 -> "return of an unknown order";
                case 4 -> "write-off beyond stock";
                default -> "price change from a price that is not the current one";
            };
            final Payload payload = switch (kind) {
                case 0 -> beyondStock(random);
                case 1 -> overBalance(random);
                case 2 -> atClosedShop(random);
                case 3 -> unknownReturn(random);
                case 4 -> writeOffBeyondStock(random);
                default -> stalePriceChange(random);
            };
            if (payload != null) {
                final Map<String, Object> about = describe(payload);
                return new Pending(Event.of(payload, timestamp, savedAt), payload.type(), payload.shopId(), false,
                        line -> new TickTruth.Anomaly(line, "invalid", reason, about));
            }
        }
        return null;
    }

    private Payload beyondStock(RandomGenerator random) {
        final int shop = openShop(random);
        if (shop < 0) {
            return null;
        }
        final int good = Draw.below(random, world.goods);
        final int cell = world.cell(shop, good);
        final int qty = world.stock[cell] + 1 + Draw.below(random, 3);
        return new Payload.Purchase(world.newOrderId(), Draw.below(random, world.users) + 1L, shop + 1, good + 1, qty,
                Money.ofCents(world.price[cell]));
    }

    private Payload overBalance(RandomGenerator random) {
        final int shop = openShop(random);
        if (shop < 0) {
            return null;
        }
        final int good = Draw.below(random, world.goods);
        final int cell = world.cell(shop, good);
        final int user = Draw.below(random, world.users);
        final long price = world.price[cell];
        final long qty = world.balance[user] / price + 1;
        if (qty > Integer.MAX_VALUE) {
            return null;
        }
        return new Payload.Purchase(world.newOrderId(), user + 1, shop + 1, good + 1, (int) qty, Money.ofCents(price));
    }

    private Payload atClosedShop(RandomGenerator random) {
        if (world.closedCount == 0) {
            return null;
        }
        final int shop = world.closedList[Draw.below(random, world.closedCount)];
        final int good = Draw.below(random, world.goods);
        return new Payload.Purchase(world.newOrderId(), Draw.below(random, world.users) + 1L, shop + 1, good + 1, 1,
                Money.ofCents(world.price[world.cell(shop, good)]));
    }

    private Payload unknownReturn(RandomGenerator random) {
        final int shop = picker.pick(random);
        final int good = Draw.below(random, world.goods);
        final int qty = 1 + Draw.below(random, 3);
        return new Payload.Return(world.newOrderId(), Draw.below(random, world.users) + 1L, shop + 1, good + 1, qty,
                Money.ofCents(world.price[world.cell(shop, good)]).times(qty));
    }

    private Payload writeOffBeyondStock(RandomGenerator random) {
        final int shop = picker.pick(random);
        final int good = Draw.below(random, world.goods);
        final int removed = world.stock[world.cell(shop, good)] + 1 + Draw.below(random, 5);
        return new Payload.Restock(shop + 1, good + 1, -removed, LOSS_REASONS[Draw.below(random, LOSS_REASONS.length)],
                Payload.RestockKind.LOSS);
    }

    private Payload stalePriceChange(RandomGenerator random) {
        for (int i = 0; i < TRIES; i++) {
            final int shop = picker.pick(random);
            final int good = Draw.below(random, world.goods);
            final int cell = world.cell(shop, good);
            if (world.priced.get(cell)) {
                final long stale = world.price[cell] + 1 + Draw.below(random, 100);
                return new Payload.PriceChange(shop + 1, good + 1, Money.ofCents(stale + 1), Money.ofCents(stale));
            }
        }
        return null;
    }

    private int openShop(RandomGenerator random) {
        for (int i = 0; i < TRIES; i++) {
            final int shop = picker.pick(random);
            if (!world.closed[shop]) {
                return shop;
            }
        }
        return -1;
    }

    private static Map<String, Object> describe(Payload payload) {
        final Map<String, Object> about = new LinkedHashMap<>();
        about.put("event_type", payload.type().code());
        if (payload instanceof Payload.Purchase purchase) {
            about.put("order_id", purchase.orderId());
        } else if (payload instanceof Payload.Return refund) {
            about.put("order_id", refund.orderId());
        }
        about.put("shop_id", payload.shopId());
        return about;
    }
}
