package org.eventingest.tick;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eventingest.core.Event;
import org.eventingest.core.EventGenerator;
import org.eventingest.core.EventType;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.files.EventFileNames;
import org.eventingest.files.EventFileWriter;
import org.eventingest.files.FileCollisionException;
import org.eventingest.files.FileTickOutput;
import org.eventingest.metrics.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One tick: draw its size, generate its events straight into the output (a new file, or a Kafka
 * transaction), commit it, and hand it to the listeners (the index behind stats, the pipeline
 * delivery). A name collision, a failed write or an output that is down is logged and counted; the
 * next tick tries again. A commit whose outcome is unknown holds the ticks until the output tells
 * whether it happened.
 */
public final class EventTickJob implements TickLoop.TickJob {

    private static final Logger LOG = LoggerFactory.getLogger(EventTickJob.class);

    private final EventGenerator generator;
    private final TickOutput output;
    private final TickRandom random;
    private final AtomicReference<Rate> rate;
    private final List<Consumer<Published>> listeners;

    private final Map<EventType, Meter> generated = new EnumMap<>(EventType.class);
    private final Meter published;
    private final Histogram fileBytes;
    private final Counter collisions;
    private final Counter writeFailures;
    private final Counter behind;
    private final Counter unready;
    private final Counter inDoubt;
    private String lastUnready;
    private volatile String newest;
    private volatile Duration behindBy;
    private Instant lastBehindLog;
    private static final Duration BEHIND_LOG_EVERY = Duration.ofMinutes(1);

    public EventTickJob(EventGenerator generator, EventFileWriter writer, TickRandom random, AtomicReference<Rate> rate,
                        MetricRegistry metrics, List<Consumer<Published>> listeners) {
        this(generator, writer, random, rate, metrics, listeners, null);
    }

    /** Ticks into files of {@code writer}'s directory; {@code helper}: see {@link FileTickOutput}. */
    public EventTickJob(EventGenerator generator, EventFileWriter writer, TickRandom random, AtomicReference<Rate> rate,
                        MetricRegistry metrics, List<Consumer<Published>> listeners, ExecutorService helper) {
        this(generator, new FileTickOutput(writer, helper), random, rate, metrics, listeners);
    }

    /** @param rate the rate, shared with the tick loop and replaced whole by {@code set-rate} */
    public EventTickJob(EventGenerator generator, TickOutput output, TickRandom random, AtomicReference<Rate> rate,
                        MetricRegistry metrics, List<Consumer<Published>> listeners) {
        this.generator = generator;
        this.output = output;
        this.random = random;
        this.rate = rate;
        this.listeners = List.copyOf(listeners);
        for (EventType type : EventType.values()) {
            generated.put(type, metrics.meter(MetricRegistry.name("events.generated", type.label())));
        }
        this.published = metrics.meter("files.published");
        this.fileBytes = metrics.histogram("files.bytes");
        this.collisions = metrics.counter("files.collisions");
        this.writeFailures = metrics.counter("files.write_failures");
        this.behind = metrics.counter("ticks.behind");
        this.unready = metrics.counter("ticks.output_unready");
        this.inDoubt = metrics.counter("ticks.in_doubt");
        metrics.register("generator.events_per_second", new Reading<Double>(() -> rate.get().eventsPerSecond()));
    }

    /** The rate the next tick is drawn from. */
    public Rate rate() {
        return rate.get();
    }

    /** The newest file published before this job started (from the state and the directory): ticks go after it. */
    public EventTickJob startingAfter(Optional<String> prefix) {
        prefix.ifPresent(p -> newest = newest == null || p.compareTo(newest) > 0 ? p : newest);
        return this;
    }

    @Override
    public boolean run(Instant boundary) {
        final var tickRandom = random.forBoundary(boundary);
        final Rate now = rate.get();
        return run(new Tick(boundary, now.interval(), now.tickSize(tickRandom), tickRandom)).isPresent();
    }

    /** Runs a tick of exactly {@code size} events (benchmarks); the published tick, or empty if it failed. */
    public Optional<Published> runSized(Instant boundary, int size) {
        return run(new Tick(boundary, rate.get().interval(), size, random.forBoundary(boundary)));
    }

    private Optional<Published> run(Tick tick) {
        final Instant boundary = tick.boundary();
        final String prefix = EventFileNames.prefix(boundary);
        if (isBehind(boundary, prefix) || !outputReady(boundary) || !settled(boundary)) {
            return Optional.empty();
        }
        final long[] byType = new long[EventType.values().length];
        final long started = System.nanoTime();
        final Published file;
        try {
            // Before the generator starts: a skipped tick must not touch the world.
            output.checkFree(prefix);
            file = output.publish(tick, counting(generator.events(tick), byType), () -> generator.prepare(tick));
        } catch (TickOutput.InDoubtException e) {
            inDoubt.inc();
            generator.doubted(tick);
            LOG.warn("tick {}: {}; its changes are kept, and ticks wait until the output tells whether it was "
                    + "committed", boundary, e.getMessage());
            return Optional.empty();
        } catch (FileCollisionException e) {
            collisions.inc();
            // The name can be taken while the tick is generated (another writer): forget what it generated.
            generator.abandoned(tick);
            LOG.warn("tick {} skipped: {} (nothing overwritten)", boundary, e.getMessage());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            writeFailures.inc();
            generator.abandoned(tick);
            LOG.warn("tick {} failed to write {}: {}", boundary, prefix, e.toString());
            return Optional.empty();
        }
        newest = prefix;
        behindBy = null;
        generator.published(tick);
        for (EventType type : EventType.values()) {
            generated.get(type).mark(byType[type.code()]);
        }
        published.mark();
        fileBytes.update(file.bytes());
        final long durationMs = (System.nanoTime() - started) / 1_000_000;
        // In JSON logs these are fields of their own (the layout flattens the MDC), not text in the message.
        MDC.put("file", file.name());
        MDC.put("events", Long.toString(file.events()));
        MDC.put("bytes", Long.toString(file.bytes()));
        MDC.put("tick_duration_ms", Long.toString(durationMs));
        try {
            LOG.info("published file={} events={} bytes={} duration_ms={}", file.name(), file.events(),
                    file.bytes(), durationMs);
        } finally {
            MDC.remove("file");
            MDC.remove("events");
            MDC.remove("bytes");
            MDC.remove("tick_duration_ms");
        }
        for (Consumer<Published> listener : listeners) {
            listener.accept(file);
        }
        return Optional.of(file);
    }

    /**
     * Name order is generation order: a tick whose name sorts at or before the newest published
     * file (the clock is behind it, after a restart or a step back) is skipped and counted, and
     * the world is not touched. Logged once, then once a minute while it lasts.
     */
    private boolean isBehind(Instant boundary, String prefix) {
        if (newest == null || prefix.compareTo(newest) > 0) {
            return false;
        }
        final Duration by = Duration.between(boundary, EventFileNames.instantOf(newest));
        behind.inc();
        if (behindBy == null || !boundary.isBefore(lastBehindLog.plus(BEHIND_LOG_EVERY))) {
            LOG.warn("tick {} skipped: the clock is behind the newest file {} by {} s; ticks resume after it",
                    boundary, EventFileNames.published(newest), by.toSeconds());
            lastBehindLog = boundary;
        }
        behindBy = by;
        return true;
    }

    /** How far the clock was behind the newest file at the last tick, while ticks are skipped for it. */
    public Optional<Duration> behindBy() {
        return Optional.ofNullable(behindBy);
    }

    public long ticksBehind() {
        return behind.getCount();
    }

    /** The newest published file's prefix: no tick publishes at or before it. */
    public Optional<String> newest() {
        return Optional.ofNullable(newest);
    }

    /** Whether the output can take a tick now; counted and logged when it changes, not for every tick. */
    private boolean outputReady(Instant boundary) {
        final Optional<String> why = output.unready();
        if (why.isEmpty()) {
            if (lastUnready != null) {
                LOG.info("the output is ready again at tick {}", boundary);
                lastUnready = null;
            }
            return true;
        }
        unready.inc();
        if (!why.get().equals(lastUnready)) {
            LOG.warn("tick {} skipped: {} (the world is untouched; the next tick tries again)", boundary, why.get());
            lastUnready = why.get();
        }
        return false;
    }

    /** The ticks whose commit is in doubt are decided (the output tells) before a new one is generated. */
    private boolean settled(Instant boundary) {
        final SortedSet<String> doubt = generator.inDoubt();
        if (doubt.isEmpty()) {
            return true;
        }
        final Optional<Set<String>> committed = output.committed(doubt);
        if (committed.isEmpty()) {
            unready.inc();
            LOG.warn("tick {} skipped: whether {} was committed is not known yet", boundary, doubt);
            return false;
        }
        try {
            generator.settle(committed.get());
        } catch (IOException e) {
            writeFailures.inc();
            LOG.warn("tick {} skipped: cannot settle {}: {}", boundary, doubt, e.toString());
            return false;
        }
        committed.get().stream().max(String::compareTo).ifPresent(p -> startingAfter(Optional.of(p)));
        LOG.info("of the ticks in doubt {}, committed: {}", doubt, committed.get());
        return true;
    }

    /** The job's counts in one record, for stats. */
    public JobStatus status() {
        return new JobStatus(generatedByType(), collisions(), writeFailures(), ticksBehind(), behindBy());
    }

    public Map<EventType, Long> generatedByType() {
        final Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        generated.forEach((type, meter) -> counts.put(type, meter.getCount()));
        return counts;
    }

    public long collisions() {
        return collisions.getCount();
    }

    public long writeFailures() {
        return writeFailures.getCount();
    }

    private static Iterator<Event> counting(Iterator<Event> events, long[] byType) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Event next() {
                final Event event = events.next();
                if (event.type() != null) {
                    byType[event.type().code()]++;
                }
                return event;
            }
        };
    }
}
