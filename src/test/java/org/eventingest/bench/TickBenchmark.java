package org.eventingest.bench;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.MixSettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.TickRandom;
import org.eventingest.files.EventFileWriter;
import org.eventingest.support.Worlds;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.Rate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole tick as the service runs it: world generation (on the helper thread for large ticks),
 * serialization, the file written, fsynced and published, the world and truth record saved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TickBenchmark {

    @Param({"1", "1000", "100000"})
    public int events;

    private Path dir;
    private EventTickJob job;
    private ExecutorService helper;
    private Instant boundary = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tick-bench");
        helper = Executors.newSingleThreadExecutor();
        final Path eventsDir = Files.createDirectories(dir.resolve("events"));
        job = new EventTickJob(Worlds.stored(
                Worlds.store(dir.resolve("state"), eventsDir, new WorldSettings(), 1),
                new MixSettings().weights(), new AnomalySettings(), 2, Clock.systemUTC()),
                new EventFileWriter(eventsDir), new TickRandom(1),
                new AtomicReference<>(new Rate(events, events, Duration.ofSeconds(1),
                        BatchSize.EXACT)), new MetricRegistry(), List.of(), helper);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        helper.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public Object tick() {
        boundary = boundary.plusSeconds(1);
        return job.runSized(boundary, events).orElseThrow();
    }
}
