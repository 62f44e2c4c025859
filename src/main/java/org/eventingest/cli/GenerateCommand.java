package org.eventingest.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.config.StartupError;
import org.eventingest.core.IoFaults;
import org.eventingest.core.ManualClock;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.StateLock;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.world.WorldStore;
import org.eventingest.files.EventDirectory;
import org.eventingest.files.EventFileWriter;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.TickSchedule;

/**
 * {@code generate event-ingest.toml --from <instant> --ticks N --out DIR}: the files the service
 * would write for those ticks (same names, world, anomalies, truth records), without a server or
 * pipeline-apid. {@code DIR} is laid out as a shared directory: {@code DIR/events} and
 * {@code DIR/event-ingest-state}; a world already there is continued, by default at the next boundary
 * after its newest file (an earlier {@code --from} is refused: names are time order). {@code saved_at}
 * is the tick's instant. The seed follows the server's rule: {@code [events] seed}, else the state's,
 * else a new random one; it is printed.
 */
public final class GenerateCommand extends ConfiguredCommand<EventIngestConfiguration> {

    public GenerateCommand() {
        super("generate", "Writes the event files of N ticks from an instant, with their world and truth records");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--from").help("first tick: the first boundary at or after this UTC instant, "
                + "e.g. 2026-01-01T00:00:00Z (default, when DIR holds files: the next boundary after the newest)");
        subparser.addArgument("--ticks").type(Integer.class).required(true).help("how many ticks");
        subparser.addArgument("--out").required(true).help("output directory (events/ and event-ingest-state/ inside)");
        subparser.addArgument("--progress").action(Arguments.storeTrue())
                .help("a progress line on stderr every few seconds even when stderr is not a terminal");
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        final EventIngestSettings settings = configuration.getSettings();
        if (settings.getOutput().isKafka()) {
            throw new StartupError("generate works on event files; output.kind is \"kafka\" in this configuration, and "
                    + "a state continued by it would no longer match the topic");
        }
        final int ticks = namespace.getInt("ticks");
        if (ticks < 1) {
            throw new IllegalArgumentException("--ticks must be at least 1");
        }
        final Path out = Path.of(namespace.getString("out"));
        final Path events = Files.createDirectories(out.resolve("events"));
        final Duration interval = Duration.ofSeconds(settings.getEvents().getGenerationInterval());
        final TickSchedule schedule = new TickSchedule(interval);
        final ManualClock clock = new ManualClock(Instant.EPOCH);

        // One writer per state directory (and, in a partitioned world, per events directory) while this runs.
        final StateLock lock = StateLock.acquire(out.resolve("event-ingest-state"),
                settings.getWorld().getPartitions() > 1 ? Optional.of(events) : Optional.empty());
        try {
            new EventDirectory(events, Duration.ofSeconds(5)).prepare(); // what a killed run left half-written goes
            // The server's rule: the configured seed, else the state's, else a new random one (printed).
            final WorldStore store = WorldStore.open(out.resolve("event-ingest-state"), events,
                    settings.getWorld().toSpec(), settings.getEvents().getSeed(), () -> new SecureRandom().nextLong(),
                    IoFaults.NONE);
            final long seed = store.seed();
            final Instant first = firstTick(namespace.getString("from"), store.lastFile(), schedule, events);
            final WorldEventGenerator generator = new WorldEventGenerator(store,
                    new EventMix(settings.getEvents().getMix().weights()), settings.getAnomalies().toRates(),
                    settings.getPipeline().getShardsCount(), clock);
            final long[] run = new long[3]; // files, events, bytes of this run
            final EventTickJob job = new EventTickJob(generator, new EventFileWriter(events),
                    new TickRandom(seed, settings.getWorld().getPartition()),
                    new AtomicReference<>(settings.getEvents().rate()), new MetricRegistry(), List.of(file -> {
                        run[0]++;
                        run[1] += file.events();
                        run[2] += file.bytes();
                    })).startingAfter(store.lastFile());
            System.err.printf(Locale.ROOT, "generate: %d ticks from %s, seed %d%n", ticks, first, seed);
            final boolean progress = namespace.getBoolean("progress") || System.console() != null;
            final long started = System.nanoTime();
            long lastProgress = started;
            Instant boundary = first;
            for (int i = 0; i < ticks; i++) {
                clock.set(boundary); // saved_at is the tick's instant
                job.run(boundary);
                boundary = boundary.plus(interval);
                final long now = System.nanoTime();
                if (progress && now - lastProgress >= PROGRESS_EVERY_NANOS) {
                    lastProgress = now;
                    final double elapsed = (now - started) / 1e9;
                    System.err.printf(Locale.ROOT, "generate: %d / %d ticks, %.0f events/s, about %.0f s left%n",
                            i + 1, ticks, run[1] / elapsed, elapsed / (i + 1) * (ticks - i - 1));
                }
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT,
                    "wrote %d files (%d events, %d bytes) to %s in %.2f s with seed %d; collisions %d, failures %d%n",
                    run[0], run[1], run[2], events, seconds, seed, job.collisions(), job.writeFailures());
            if (job.collisions() + job.writeFailures() > 0) {
                throw new IllegalStateException("some ticks were not written: see above");
            }
        } finally {
            lock.close();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        cli.getStdErr().println(error instanceof IllegalArgumentException
                ? error.getMessage() : ServeCommand.oneLine(error));
    }

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    /**
     * The first tick: {@code --from}'s boundary, which must come after the newest file; without it, the one after the
     * newest.
     */
    private static Instant firstTick(String from, Optional<String> newest, TickSchedule schedule, Path events) {
        final Optional<Instant> after = newest.map(Tick::instantOf);
        if (from == null) {
            return schedule.nextBoundaryAfter(after.orElseThrow(() -> new IllegalArgumentException(
                    "--from is needed: " + events + " holds no file to continue after")));
        }
        final Instant asked = Instant.parse(from);
        final Instant boundary = schedule.isBoundary(asked) ? asked : schedule.nextBoundaryAfter(asked);
        if (after.isPresent() && !boundary.isAfter(after.get())) {
            throw new IllegalArgumentException("--from " + from + " is not after the newest file " + newest.get()
                    + ".event-ingest.txt in " + events + ": files are named in time order; omit --from to continue at "
                    + schedule.nextBoundaryAfter(after.get()));
        }
        return boundary;
    }
}
