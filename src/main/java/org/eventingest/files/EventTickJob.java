package org.eventingest.files;

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
import java.util.function.Consumer;
import org.eventingest.core.BatchSize;
import org.eventingest.core.Event;
import org.eventingest.core.EventGenerator;
import org.eventingest.core.EventType;
import org.eventingest.core.Tick;
import org.eventingest.core.TickLoop;
import org.eventingest.core.TickRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick: draw its size, generate its events straight into a new file, publish the file, and
 * hand it to the listeners (the index behind stats, the pipeline delivery). A name collision or a
 * failed write is logged and counted; the next tick tries again.
 */
public final class EventTickJob implements TickLoop.TickJob {

    private static final Logger LOG = LoggerFactory.getLogger(EventTickJob.class);

    private final EventGenerator generator;
    private final EventFileWriter writer;
    private final TickRandom random;
    private final Duration interval;
    private final int eventsPerBatch;
    private final int maxBatchSize;
    private final List<Consumer<PublishedFile>> listeners;

    private final Map<EventType, Meter> generated = new EnumMap<>(EventType.class);
    private final Meter published;
    private final Histogram fileBytes;
    private final Counter collisions;
    private final Counter writeFailures;

    public EventTickJob(EventGenerator generator, EventFileWriter writer, TickRandom random, Duration interval,
                        int eventsPerBatch, int maxBatchSize, MetricRegistry metrics,
                        List<Consumer<PublishedFile>> listeners) {
        this.generator = generator;
        this.writer = writer;
        this.random = random;
        this.interval = interval;
        this.eventsPerBatch = eventsPerBatch;
        this.maxBatchSize = maxBatchSize;
        this.listeners = List.copyOf(listeners);
        for (EventType type : EventType.values()) {
            generated.put(type, metrics.meter(MetricRegistry.name("events.generated", type.label())));
        }
        this.published = metrics.meter("files.published");
        this.fileBytes = metrics.histogram("files.bytes");
        this.collisions = metrics.counter("files.collisions");
        this.writeFailures = metrics.counter("files.write_failures");
    }

    @Override
    public void run(Instant boundary) {
        final var tickRandom = random.forBoundary(boundary);
        final Tick tick = new Tick(boundary, interval, BatchSize.draw(tickRandom, eventsPerBatch, maxBatchSize), tickRandom);
        final String prefix = EventFileNames.prefix(boundary);
        final long[] byType = new long[EventType.values().length];
        final long started = System.nanoTime();
        final PublishedFile file;
        try {
            file = writer.publish(prefix, counting(generator.events(tick), byType));
        } catch (FileCollisionException e) {
            collisions.inc();
            LOG.warn("tick {} skipped: {} (nothing overwritten)", boundary, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            writeFailures.inc();
            generator.abandoned(tick);
            LOG.warn("tick {} failed to write {}: {}", boundary, EventFileNames.published(prefix), e.toString());
            return;
        }
        generator.published(tick, prefix);
        for (EventType type : EventType.values()) {
            generated.get(type).mark(byType[type.code()]);
        }
        published.mark();
        fileBytes.update(file.bytes());
        LOG.info("published file={} events={} bytes={} duration_ms={}", file.path().getFileName(), file.events(),
                file.bytes(), (System.nanoTime() - started) / 1_000_000);
        for (Consumer<PublishedFile> listener : listeners) {
            listener.accept(file);
        }
    }

    /** Events published since start, by type. */
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
