package org.eventingest.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.config.StartupError;
import org.eventingest.core.Tick;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.StateLock;
import org.eventingest.core.world.WorldRebuild;
import org.eventingest.core.world.WorldStore;

/**
 * {@code rebuild-state event-ingest.toml [--seed N] [--dir DIR]}: rebuilds the world and the truth
 * records from the event files alone (see {@link WorldRebuild}). What the state directory held of
 * the world before ({@code world.ckpt}, {@code world.log}, {@code truth/}) is moved into
 * {@code replaced-<instant>/} inside it, never deleted; the delivery journal stays where it is.
 */
public final class RebuildStateCommand extends ConfiguredCommand<EventIngestConfiguration> {

    public RebuildStateCommand() {
        super("rebuild-state", "Rebuilds the world and the truth records from the event files");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--seed").type(Long.class)
                .help("the seed the files were generated with (default: [events] seed; the service logs it at start)");
        subparser.addArgument("--dir").help("a directory laid out as `generate` writes it (DIR/events, "
                + "DIR/event-ingest-state) instead of the configuration's [storage]");
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        final EventIngestSettings settings = configuration.getSettings();
        if (settings.getOutput().isKafka()) {
            throw new StartupError("rebuild-state works on event files; output.kind is \"kafka\" in this "
                    + "configuration, and a state continued by it would no longer match the topic");
        }
        final Long seedArgument = namespace.getLong("seed");
        if (seedArgument == null && settings.getEvents().getSeed().isEmpty()) {
            throw new IllegalArgumentException("events.seed is not set: give --seed, the seed the service logged at "
                    + "its first start (\"random seed ...\")");
        }
        final long seed = seedArgument != null ? seedArgument : settings.getEvents().getSeed().getAsLong();
        final String dir = namespace.getString("dir");
        final Path events = dir != null ? Path.of(dir, "events") : settings.getStorage().getEventsDir();
        final Path state = dir != null ? Path.of(dir, "event-ingest-state") : settings.getStorage().getStateDir();
        // One writer per state directory while this runs.
        final StateLock lock = StateLock.acquire(state);
        try {
            moveAside(state);
            final var eventsSettings = settings.getEvents();
            final WorldRebuild.Settings how = new WorldRebuild.Settings(settings.getWorld().toSpec(), seed,
                    new EventMix(eventsSettings.getMix().weights()), settings.getAnomalies().toRates(),
                    settings.getPipeline().getShardsCount(), Duration.ofSeconds(eventsSettings.getGenerationInterval()),
                    eventsSettings.getBatch(), eventsSettings.getEventsPerBatch(), eventsSettings.getMaxBatchSize());
            final long started = System.nanoTime();
            final WorldRebuild.Result result = WorldRebuild.run(state, events, how, line -> System.err.println(line));
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT,
                    "rebuilt %s from %d files (%d lines, %d bytes) in %.2f s: %.0f lines/s, %.1f MB/s%n",
                    state, result.files(), result.lines(), result.bytes(), seconds, result.lines() / seconds,
                    result.bytes() / seconds / 1e6);
        } finally {
            lock.close();
        }
    }

    private static void moveAside(Path state) throws Exception {
        final List<String> world = List.of(WorldStore.CHECKPOINT, WorldStore.LOG_FILE, WorldStore.TRUTH_DIR,
                "world.bin");
        final Path aside = state.resolve("replaced-" + Tick.prefix(Instant.now()));
        for (String name : world) {
            final Path path = state.resolve(name);
            if (Files.exists(path)) {
                Files.createDirectories(aside);
                Files.move(path, aside.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                System.err.println("moved " + path + " to " + aside);
            }
        }
    }
}
