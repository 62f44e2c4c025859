package org.eventingest.bench;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * What the world state costs a small tick: one tick of exactly one event, the whole publication
 * (file written and fsynced, the world's record appended to {@code world.log} and fsynced, the
 * link, the directory fsync, the commit mark and the truth record), in the default world
 * (100 shops × 1,000 goods) and in a world of 10,000,000 cells (1,000 × 10,000). A tick's cost
 * should follow the tick, not the world.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StateBenchmark {

    private static final Map<String, Map<String, Object>> WORLDS = Map.of(
            "default", Map.of(),
            "10M", Map.of("shops", 1000, "goods", 10_000));

    @Param({"default", "10M"})
    public String world;

    private Path dir;
    private EventTickJob job;
    private ExecutorService helper;
    private Instant boundary = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("state-bench");
        helper = Executors.newSingleThreadExecutor();
        final WorldSettings settings = new ObjectMapper().convertValue(WORLDS.get(world), WorldSettings.class);
        final Path eventsDir = Files.createDirectories(dir.resolve("events"));
        job = new EventTickJob(Worlds.stored(Worlds.store(dir.resolve("state"), eventsDir, settings, 1),
                new MixSettings().weights(), new AnomalySettings(), 2, Clock.systemUTC()),
                new EventFileWriter(eventsDir), new TickRandom(1),
                new AtomicReference<>(new Rate(1, 1, Duration.ofSeconds(1),
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
        return job.runSized(boundary, 1).orElseThrow();
    }
}
