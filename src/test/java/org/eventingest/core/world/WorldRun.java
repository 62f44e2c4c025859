package org.eventingest.core.world;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.config.TomlConfigurationFactory;
import org.eventingest.core.EventLines;
import org.eventingest.core.IoFaults;
import org.eventingest.core.ManualClock;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.files.EventFileWriter;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.TickOutput;

/** Runs ticks of the world generator straight into a directory, as the service would, with a clock per tick. */
final class WorldRun {

    final EventIngestSettings settings;
    final Path events;
    final Path state;
    private final long seed;
    private long checkpointLogBytes = WorldStore.MIN_CHECKPOINT_LOG_BYTES;
    private Duration savedAtOffset = Duration.ofMillis(2);


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
    WorldEventGenerator ticks(Instant first, int count) throws IOException {
        return ticks(first, count, IoFaults.NONE);
    }

    /** As {@link #ticks(Instant, int)}, with file-system faults injected into the events and state directories. */
    WorldEventGenerator ticks(Instant first, int count, IoFaults faults) throws IOException {
        final Started started = start(first, faults);
        for (int i = 0; i < count; i++) {
            started.tick(first.plus(interval().multipliedBy(i)));
        }
        return started.generator();
    }

    /** The service as after a (re)start: the state recovered, a generator and a tick job over it. */
    Started start(Instant first, IoFaults faults) throws IOException {
        final ManualClock clock = new ManualClock(first);
        final WorldStore store = WorldStore.open(state, events, settings.getWorld().toSpec(), OptionalLong.of(seed),
                () -> seed, faults, checkpointLogBytes);
        final WorldEventGenerator generator = new WorldEventGenerator(store,
                new EventMix(settings.getEvents().getMix().weights()), settings.getAnomalies().toRates(),
                settings.getPipeline().getShardsCount(), clock);
        final EventTickJob job = new EventTickJob(generator, new EventFileWriter(events, new MetricRegistry(), faults),
                new TickRandom(seed, settings.getWorld().getPartition()),
                new AtomicReference<>(settings.getEvents().rate()),
                new MetricRegistry(), List.of()).startingAfter(store.lastFile());
        return new Started(clock, store, generator, job, savedAtOffset);
    }

    /**
     * As {@link #start(Instant, IoFaults)}, with ticks committed by {@code output} instead of files (as with Kafka):
     * records without a commit mark are held until the output tells.
     */
    Started start(Instant first, TickOutput output) throws IOException {
        final ManualClock clock = new ManualClock(first);
        final WorldStore store = WorldStore.open(state, Optional.empty(), settings.getWorld().toSpec(),
                OptionalLong.of(seed), () -> seed, IoFaults.NONE, checkpointLogBytes);
        final WorldEventGenerator generator = new WorldEventGenerator(store,
                new EventMix(settings.getEvents().getMix().weights()), settings.getAnomalies().toRates(),
                settings.getPipeline().getShardsCount(), clock);
        final EventTickJob job = new EventTickJob(generator, output, new TickRandom(seed),
                new AtomicReference<>(settings.getEvents().rate()), new MetricRegistry(), List.of())
                .startingAfter(store.lastFile());
        return new Started(clock, store, generator, job, savedAtOffset);
    }

    /** A started service's parts. */
    record Started(ManualClock clock, WorldStore store, WorldEventGenerator generator, EventTickJob job,
                   Duration savedAtOffset) {
        /** Runs the tick of {@code boundary} with the clock just after it; whether it published its file. */
        boolean tick(Instant boundary) throws IOException {
            clock.set(boundary.plus(savedAtOffset));
            try {
                return job.run(boundary);
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    Duration interval() {
        return Duration.ofSeconds(settings.getEvents().getGenerationInterval());
    }

    /** Lines are saved at the tick's instant itself, as `generate` writes them (by default 2 ms after it). */
    WorldRun savedAtTheTick() {
        this.savedAtOffset = Duration.ZERO;
        return this;
    }

    /** Folds the log into a checkpoint once it holds this many bytes (small: checkpoints happen in tests too). */
    WorldRun checkpointEvery(long bytes) {
        this.checkpointLogBytes = bytes;
        return this;
    }

    /**
     * Runs {@code count} ticks in memory (no files, no saved world) and replays them as they come.
     *
     * @return the checker, finished, and the truth of every tick by file name
     */
    InMemory inMemory(Instant first, int count) throws IOException {
        final Duration interval = interval();
        final ManualClock clock = new ManualClock(first);
        final WorldEventGenerator generator = new WorldEventGenerator(World.create(settings.getWorld().toSpec(), seed),
                new EventMix(settings.getEvents().getMix().weights()), settings.getAnomalies().toRates(),
                settings.getPipeline().getShardsCount(), clock);
        final TickRandom random = new TickRandom(seed, settings.getWorld().getPartition());
        final ReplayChecker checker = new ReplayChecker(settings.getWorld().getStartingBalanceCents());
        final Map<String, TickTruth> truths = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            final Instant boundary = first.plus(interval.multipliedBy(i));
            clock.set(boundary.plusMillis(2));
            final var tickRandom = random.forBoundary(boundary);
            final Tick tick = new Tick(boundary, interval,
                    BatchSize.draw(tickRandom, settings.getEvents().getEventsPerBatch(),
                            settings.getEvents().getMaxBatchSize()), tickRandom);
            final StringBuilder content = new StringBuilder();
            generator.events(tick).forEachRemaining(event ->
                    content.append(event.isRaw() ? event.raw() : EventLines.toLine(event)).append('\n'));
            generator.prepare(tick);
            generator.published(tick);
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
