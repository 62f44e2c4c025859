package org.eventingest.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.core.IoFaults;
import org.eventingest.core.ManualClock;
import org.eventingest.core.TickRandom;
import org.eventingest.core.TickSchedule;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.world.WorldStore;
import org.eventingest.files.EventDirectory;
import org.eventingest.files.EventFileIndex;
import org.eventingest.files.EventFileWriter;
import org.eventingest.files.EventTickJob;

/**
 * {@code generate event-ingest.toml --from <instant> --ticks N --out DIR}: the files the service
 * would write for those ticks (same names, world, anomalies, truth records), without a server or
 * pipeline-apid. {@code DIR} is laid out as a shared directory: {@code DIR/events} and
 * {@code DIR/event-ingest-state}; a world already there is continued. {@code saved_at} is the tick's
 * instant. The seed is {@code [events] seed}, or 1 when the file has none.
 */
public final class GenerateCommand extends ConfiguredCommand<EventIngestConfiguration> {

    public GenerateCommand() {
        super("generate", "Writes the event files of N ticks from an instant, with their world and truth records");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--from").required(true).help("first tick: the first boundary at or after this UTC instant, "
                + "e.g. 2026-01-01T00:00:00Z");
        subparser.addArgument("--ticks").type(Integer.class).required(true).help("how many ticks");
        subparser.addArgument("--out").required(true).help("output directory (events/ and event-ingest-state/ inside)");
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        final EventIngestSettings settings = configuration.getSettings();
        final int ticks = namespace.getInt("ticks");
        if (ticks < 1) {
            throw new IllegalArgumentException("--ticks must be at least 1");
        }
        final Instant from = Instant.parse(namespace.getString("from"));
        final Path out = Path.of(namespace.getString("out"));
        final Path events = Files.createDirectories(out.resolve("events"));
        new EventDirectory(events, Duration.ofSeconds(5)).prepare(); // what a killed run left half-written goes
        final Duration interval = Duration.ofSeconds(settings.getEvents().getGenerationInterval());
        final TickSchedule schedule = new TickSchedule(interval);
        final ManualClock clock = new ManualClock(Instant.EPOCH);

        final WorldStore store = WorldStore.open(out.resolve("event-ingest-state"), events, settings.getWorld().toSpec(),
                settings.getEvents().getSeed(), () -> 1L, IoFaults.NONE);
        final long seed = store.seed();
        final WorldEventGenerator generator = new WorldEventGenerator(store,
                new EventMix(settings.getEvents().getMix().weights()), settings.getAnomalies().toRates(),
                settings.getPipeline().getShardsCount(), clock);
        final EventFileIndex index = EventFileIndex.scan(events);
        final long filesBefore = index.summary().files();
        final EventTickJob job = new EventTickJob(generator, new EventFileWriter(events), new TickRandom(seed), interval,
                settings.getEvents().getEventsPerBatch(), settings.getEvents().getMaxBatchSize(), new MetricRegistry(),
                List.of(index::add)).startingAfter(store.lastFile())
                .withBatchSize(settings.getEvents().getBatch());
        Instant boundary = schedule.isBoundary(from) ? from : schedule.nextBoundaryAfter(from);
        final long started = System.nanoTime();
        for (int i = 0; i < ticks; i++) {
            clock.set(boundary); // saved_at is the tick's instant
            job.run(boundary);
            boundary = boundary.plus(interval);
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final EventFileIndex.Summary summary = index.summary();
        System.out.printf(Locale.ROOT,
                "wrote %d files (%d events, %d bytes) to %s in %.2f s; collisions %d, failures %d, behind the newest %d%n",
                summary.files() - filesBefore, summary.events(), summary.bytes(), events, seconds, job.collisions(),
                job.writeFailures(), job.ticksBehind());
        if (job.collisions() + job.writeFailures() + job.ticksBehind() > 0) {
            throw new IllegalStateException("some ticks were not written: see above");
        }
    }
}
