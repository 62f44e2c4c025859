package org.eventingest.resources;

import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.MixSettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.ManualClock;
import org.eventingest.core.TickRandom;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.files.EventFileIndex;
import org.eventingest.files.EventFileWriter;
import org.eventingest.support.Worlds;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.Rate;
import org.eventingest.tick.TickLoop;

/**
 * The generator as the application wires it, without a server: an in-memory world, a tick job
 * writing into {@code eventsDir} and feeding the index, and the tick loop on a manual clock.
 */
final class RunningGenerator implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final int EVENTS_PER_BATCH = 50;
    static final int MAX_BATCH_SIZE = 1000;

    final Path eventsDir;
    final ManualClock clock;
    final EventFileIndex index;
    final WorldEventGenerator world;
    final EventTickJob job;
    final TickLoop loop;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    RunningGenerator(Path eventsDir, Instant start) throws IOException {
        this.eventsDir = eventsDir;
        this.clock = new ManualClock(start);
        this.index = EventFileIndex.scan(eventsDir);
        this.world = Worlds.inMemory(new WorldSettings(), new MixSettings().weights(), new AnomalySettings(), 2,
                clock, 7);
        final AtomicReference<Rate> rate = new AtomicReference<>(
                new Rate(EVENTS_PER_BATCH, MAX_BATCH_SIZE, INTERVAL, BatchSize.UNIFORM));
        this.job = new EventTickJob(world, new EventFileWriter(eventsDir), new TickRandom(7), rate,
                new MetricRegistry(), List.of(index::add));
        this.loop = new TickLoop(clock, rate, job, executor, new MetricRegistry(), Duration.ofSeconds(5));
    }

    /** Starts the loop and waits until it has chosen its first boundary. */
    void start() {
        loop.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> loop.nextBoundary().isPresent());
    }

    /**
     * Waits until the loop waits for {@code boundary}, moves the clock there and waits until that
     * boundary has been dealt with (ticked, or counted as paused).
     */
    void tickAt(Instant boundary) {
        final long before = loop.status().run() + loop.status().pausedTicks();
        await().atMost(10, TimeUnit.SECONDS).until(() -> loop.nextBoundary().filter(boundary::equals).isPresent());
        clock.set(boundary);
        await().atMost(10, TimeUnit.SECONDS).until(() -> loop.status().run() + loop.status().pausedTicks() > before);
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        executor.shutdownNow();
    }
}
