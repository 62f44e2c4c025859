package org.eventingest.core.world;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.config.TomlConfigurationFactory;
import org.eventingest.core.BatchSize;
import org.eventingest.core.EventLines;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.files.EventFileWriter;
import org.eventingest.files.EventTickJob;
import org.eventingest.core.ManualClock;

/** Runs ticks of the world generator straight into a directory, as the service would, with a clock per tick. */
final class WorldRun {

    final EventIngestSettings settings;
    final Path events;
    final Path state;
    private final long seed;

    WorldRun(Path root, String toml, long seed) throws Exception {
        final Path config = root.resolve("event-ingest.toml");
        Files.writeString(config, toml);
        this.settings = new TomlConfigurationFactory<>(Jackson.newObjectMapper(), Map.of(), s -> s)
                .build(new FileConfigurationSourceProvider(), config.toString());
        this.events = Files.createDirectories(root.resolve("events"));
        this.state = root.resolve("state");
        this.seed = seed;
    }

    /** Runs {@code count} ticks from {@code first}, with a new generator (as after a restart). */
    WorldEventGenerator ticks(Instant first, int count) {
        final ManualClock clock = new ManualClock(first);
        final Duration interval = Duration.ofSeconds(settings.getEvents().getGenerationInterval());
        final WorldEventGenerator generator = new WorldEventGenerator(settings.getWorld(),
                settings.getEvents().getMix().weights(), settings.getAnomalies(), settings.getPipeline().getShardsCount(),
                clock, seed, new WorldStore(state));
        final EventTickJob job = new EventTickJob(generator, new EventFileWriter(events), new TickRandom(seed), interval,
                settings.getEvents().getEventsPerBatch(), settings.getEvents().getMaxBatchSize(), new MetricRegistry(),
                List.of());
        for (int i = 0; i < count; i++) {
            final Instant boundary = first.plus(interval.multipliedBy(i));
            clock.set(boundary.plusMillis(2));
            job.run(boundary);
        }
        return generator;
    }

    /**
     * Runs {@code count} ticks in memory (no files, no saved world) and replays them as they come.
     *
     * @return the checker, finished, and the truth of every tick by file name
     */
    InMemory inMemory(Instant first, int count) {
        final Duration interval = Duration.ofSeconds(settings.getEvents().getGenerationInterval());
        final ManualClock clock = new ManualClock(first);
        final WorldEventGenerator generator = new WorldEventGenerator(settings.getWorld(),
                settings.getEvents().getMix().weights(), settings.getAnomalies(), settings.getPipeline().getShardsCount(),
                clock, seed, null);
        final TickRandom random = new TickRandom(seed);
        final ReplayChecker checker = new ReplayChecker(settings.getWorld().getStartingBalanceCents());
        final Map<String, TickTruth> truths = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            final Instant boundary = first.plus(interval.multipliedBy(i));
            clock.set(boundary.plusMillis(2));
            final var tickRandom = random.forBoundary(boundary);
            final Tick tick = new Tick(boundary, interval, BatchSize.draw(tickRandom, settings.getEvents().getEventsPerBatch(),
                    settings.getEvents().getMaxBatchSize()), tickRandom);
            final StringBuilder content = new StringBuilder();
            generator.events(tick).forEachRemaining(event ->
                    content.append(event.isRaw() ? event.raw() : EventLines.toLine(event)).append('\n'));
            generator.published(tick, tick.prefix());
            checker.file(tick.prefix() + Tick.FILE_SUFFIX, content.toString());
            truths.put(tick.prefix() + Tick.FILE_SUFFIX, generator.truth());
        }
        return new InMemory(checker, truths, generator);
    }

    record InMemory(ReplayChecker checker, Map<String, TickTruth> truths, WorldEventGenerator generator) {
    }

    ReplayChecker check() throws Exception {
        return new ReplayChecker(settings.getWorld().getStartingBalanceCents()).replay(events);
    }
}
