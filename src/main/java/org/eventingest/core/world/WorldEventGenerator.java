package org.eventingest.core.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.random.RandomGenerator;
import org.eventingest.core.Event;
import org.eventingest.core.EventGenerator;
import org.eventingest.core.EventLines;
import org.eventingest.core.EventType;
import org.eventingest.core.Payload;
import org.eventingest.core.Tick;

/**
 * Events that follow from a simulated {@link World} ({@link WorldEvents}), with labelled anomalies
 * at the configured rates: duplicates (byte-identical copies, in the same or the next file),
 * out-of-order returns (the last line of a file returns a purchase that is the first line of the
 * next file), invalid events ({@link InvalidKind}) and malformed lines. Anomalies never change the
 * world; each is labelled in the tick's {@link TickTruth}.
 *
 * <p>A tick's changes become durable with its file: {@link #prepare} appends them and the truth
 * record to the store's log before the file is linked, {@link #published} commits them, and
 * {@link #abandoned} undoes them in memory. A tick {@link #doubted in doubt} keeps its changes in
 * memory until {@link #settle} says whether it was committed.
 */
public final class WorldEventGenerator implements EventGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final World world;
    private final WorldEvents events;
    private final ShopPicker picker;
    private final AnomalyRates anomalies;
    private final int shardsCount;
    private final Clock clock;
    private final WorldStore store;
    private final TicksInDoubt doubt;

    private TickTruth truth;
    private byte[] truthBytes;
    private long record;
    private String lastFile;

    /** A generator over the world of {@code store}, committing each tick there. */
    public WorldEventGenerator(WorldStore store, EventMix mix, AnomalyRates anomalies, int shardsCount, Clock clock) {
        this(store.world(), store, mix, anomalies, shardsCount, clock);
        this.lastFile = fileOf(store.lastFile());
    }

    /** A generator over {@code world} in memory only (benchmarks, tests): published ticks are kept nowhere else. */
    public WorldEventGenerator(World world, EventMix mix, AnomalyRates anomalies, int shardsCount, Clock clock) {
        this(world, null, mix, anomalies, shardsCount, clock);
    }

    private WorldEventGenerator(World world, WorldStore store, EventMix mix, AnomalyRates anomalies, int shardsCount,
                                Clock clock) {
        this.world = world;
        this.store = store;
        this.doubt = new TicksInDoubt(store);
        this.anomalies = anomalies;
        this.shardsCount = shardsCount;
        this.clock = clock;
        this.picker = world.spec().zipf()
                ? ShopPicker.zipf(world.spec().localShops(), world.spec().zipfExponent(), world::shopId)
                : ShopPicker.uniform(world.spec().localShops());
        this.events = new WorldEvents(world, picker, mix);
    }

    @Override
    public Iterator<Event> events(Tick tick) {
        truth = new TickTruth(tick.prefix() + Tick.FILE_SUFFIX, shardsCount);
        return new TickLines(tick);
    }

    @Override
    public byte[] prepare(Tick tick) throws IOException {
        truthBytes = truth.toJson(JSON);
        if (store != null) {
            record = store.append(tick.prefix(), world, truthBytes);
        }
        return truthBytes;
    }

    @Override
    public void published(Tick tick) {
        if (store != null) {
            store.committed(record, tick.prefix(), truthBytes);
        }
        world.changes().begin();
        lastFile = truth.file();
    }

    @Override
    public void abandoned(Tick tick) {
        world.undo();
    }

    @Override
    public void doubted(Tick tick) {
        doubt.hold(tick);
    }

    @Override
    public SortedSet<String> inDoubt() {
        return doubt.prefixes();
    }

    @Override
    public void settle(Set<String> committed) throws IOException {
        doubt.settle(committed, this::published, this::abandoned, () -> {
            world.changes().begin();
            lastFile = fileOf(store.lastFile());
        });
    }

    private static String fileOf(Optional<String> prefix) {
        return prefix.map(p -> p + Tick.FILE_SUFFIX).orElse(null);
    }

    /** The truth of the last tick generated. */
    public TickTruth truth() {
        return truth;
    }

    /** The world after the last published tick; call on the generator thread, between ticks. */
    public WorldView view() {
        return world.view(lastFile);
    }

    /** The same as {@link #view()}, as arrays to be written as JSON off the generator thread. */
    public WorldSnapshot snapshot() {
        return world.snapshot(lastFile);
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
            final CarryOver carry = world.carry;
            if (carry.heldLine() != null) {
                final long shopId = world.shopId(carry.heldShop());
                ready.add(new Pending(Event.raw(carry.heldLine(), shopId), EventType.PURCHASE, shopId, true, null));
            }
            if (carry.lastLine() != null && anomalies.duplicate() > 0 && random.nextDouble() < anomalies.duplicate()) {
                final Map<String, Object> original = TickTruth.reference(carry.lastLineFile(), carry.lastLineNo());
                ready.add(new Pending(Event.raw(carry.lastLine(), carry.lastLineShop()),
                        EventType.ofCode(carry.lastLineType()), carry.lastLineShop(), false,
                        at -> new TickTruth.Anomaly(at, "duplicate", null, original)));
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
            if (anomalies.invalid() > 0 && random.nextDouble() < anomalies.invalid()) {
                pending = invalid(timestamp);
            }
            if (pending == null) {
                final Payload payload = events.next(random);
                pending = new Pending(Event.of(payload, timestamp, savedAt), payload.type(), payload.shopId(), true,
                        null);
            }
            ready.add(pending);
            final Event event = pending.event();
            if (anomalies.duplicate() > 0 && random.nextDouble() < anomalies.duplicate()) {
                ready.add(new Pending(event, pending.type(), pending.shopId(), false, at -> new TickTruth.Anomaly(at,
                        "duplicate", null, TickTruth.reference(truth.file(), at - 1))));
            }
            if (anomalies.malformed() > 0 && random.nextDouble() < anomalies.malformed()) {
                // Cut short of its closing brace: not JSON, and still as unique as the event it was.
                final String text = EventLines.toLine(event);
                ready.add(new Pending(Event.raw(text.substring(0, text.length() - 1), pending.shopId()), null, 0,
                        false, at -> new TickTruth.Anomaly(at, "malformed", null, null)));
            }
        }

        private Pending invalid(Instant timestamp) {
            final int first = Draw.below(random, InvalidKind.count());
            for (int k = 0; k < InvalidKind.count(); k++) {
                final InvalidKind kind = InvalidKind.nth(first, k);
                final Payload payload = kind.make(world, picker, random);
                if (payload != null) {
                    final Map<String, Object> about = TickTruth.describe(payload);
                    return new Pending(Event.of(payload, timestamp, savedAt), payload.type(), payload.shopId(), false,
                            at -> new TickTruth.Anomaly(at, "invalid", kind.reason(), about));
                }
            }
            return null;
        }

        /** Leaves the last line for a duplicate in the next file; may end the file with an out-of-order return. */
        private void close() {
            final CarryOver before = world.carry;
            String lastLine = before.lastLine();
            String lastLineFile = before.lastLineFile();
            int lastLineNo = before.lastLineNo();
            int lastLineType = before.lastLineType();
            long lastLineShop = before.lastLineShop();
            if (lastOriginal != null) {
                final Event event = lastOriginal.event();
                lastLine = event.isRaw() ? event.raw() : EventLines.toLine(event);
                lastLineFile = truth.file();
                lastLineNo = lastOriginalLine;
                lastLineType = lastOriginal.type().code();
                lastLineShop = lastOriginal.shopId();
            }
            String held = null;
            int heldShop = -1;
            final double chance = Math.min(1.0, anomalies.outOfOrder() * tick.size());
            if (chance > 0 && random.nextDouble() < chance) {
                final Payload.Purchase purchase = events.purchase(random);
                if (purchase != null) {
                    final Payload.Return refund = events.returnOf(events.newestSlot(), random);
                    final Instant at = tick.boundary().minusMillis(1);
                    final Instant savedAt = clock.instant();
                    held = EventLines.toLine(Event.of(purchase, at, savedAt));
                    heldShop = world.spec().partition().local(purchase.shopId());
                    final Map<String, Object> about = TickTruth.describe(refund);
                    ready.add(new Pending(Event.of(refund, at, savedAt), EventType.RETURN, refund.shopId(), false,
                            n -> new TickTruth.Anomaly(n, "out_of_order",
                                    "its purchase is the first line of the next file", about)));
                }
            }
            world.carry(new CarryOver(held, heldShop, lastLine, lastLineFile, lastLineNo, lastLineType, lastLineShop));
        }
    }
}
