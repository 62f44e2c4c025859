package org.eventingest.core.world;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import org.eventingest.core.IoFaults;
import org.eventingest.core.Tick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a state directory for {@link WorldStore}: the checkpoint read and checked against the
 * configuration, a torn last log record cut off, the log recovered; or a new world written.
 */
final class StateOpening {

    private static final Logger LOG = LoggerFactory.getLogger(WorldStore.class);

    private StateOpening() {
    }

    static WorldStore open(Path stateDir, Optional<Path> eventsDir, WorldSpec spec, OptionalLong configuredSeed,
                           LongSupplier newSeed, IoFaults faults, long checkpointLogBytes) throws IOException {
        Files.createDirectories(stateDir.resolve(WorldStore.TRUTH_DIR));
        final Path checkpoint = stateDir.resolve(WorldStore.CHECKPOINT);
        final WorldLog log;
        final WorldCheckpoint.Loaded loaded;
        if (Files.exists(checkpoint)) {
            loaded = WorldCheckpoint.read(checkpoint, spec);
            if (configuredSeed.isPresent() && configuredSeed.getAsLong() != loaded.seed()) {
                throw new StateException("events.seed is " + configuredSeed.getAsLong() + " but the world in "
                        + stateDir + " was generated with seed " + loaded.seed()
                        + ": remove events.seed (the state's seed is used) or set it to " + loaded.seed());
            }
            final WorldLog.Scan scan = WorldLog.scan(stateDir.resolve(WorldStore.LOG_FILE));
            log = new WorldLog(stateDir.resolve(WorldStore.LOG_FILE), scan.goodEnd(), faults);
            if (scan.tornBytes() > 0) {
                LOG.warn("{} ends in a torn record ({} bytes after offset {}): cut off, as a crash in the middle of an "
                        + "append leaves it", log.file(), scan.tornBytes(), scan.goodEnd());
                try (var channel = FileChannel.open(log.file(), StandardOpenOption.WRITE)) {
                    channel.truncate(scan.goodEnd());
                    channel.force(true);
                }
            }
            final WorldStore store = new WorldStore(stateDir, log, faults, loaded, checkpointLogBytes);
            store.recover(scan.entries(), eventsDir);
            if (eventsDir.isPresent()) {
                StateGuards.refuseIfBehind(stateDir, store.lastFile(), eventsDir.get());
            }
            return store;
        }
        StateGuards.refuseIfMissing(stateDir, eventsDir);
        final long seed = configuredSeed.orElseGet(newSeed);
        loaded = new WorldCheckpoint.Loaded(spec, seed, 0, Optional.empty(), World.create(spec, seed));
        WorldCheckpoint.write(checkpoint, loaded.world(), seed, 0, Optional.empty(), true);
        log = new WorldLog(stateDir.resolve(WorldStore.LOG_FILE), 0, faults);
        log.reset();
        LOG.info("new world in {} with seed {}", stateDir, seed);
        return new WorldStore(stateDir, log, faults, loaded, checkpointLogBytes);
    }

    /**
     * A new state in {@code stateDir} for {@link WorldRebuild}, whatever the events directory
     * holds: records are not fsynced one by one, {@link WorldStore#finishRebuild()} makes them durable at once.
     */
    static WorldStore rebuilding(Path stateDir, WorldSpec spec, long seed) throws IOException {
        if (Files.exists(stateDir.resolve(WorldStore.CHECKPOINT))
                || Files.exists(stateDir.resolve(WorldStore.LOG_FILE))) {
            throw new StateException(stateDir + " holds a state already: move it away first");
        }
        Files.createDirectories(stateDir.resolve(WorldStore.TRUTH_DIR));
        final World world = World.create(spec, seed);
        WorldCheckpoint.write(stateDir.resolve(WorldStore.CHECKPOINT), world, seed, 0, Optional.empty(), true);
        final WorldLog log = new WorldLog(stateDir.resolve(WorldStore.LOG_FILE), 0, IoFaults.NONE);
        log.reset();
        return new WorldStore(stateDir, log, IoFaults.NONE,
                new WorldCheckpoint.Loaded(spec, seed, 0, Optional.empty(), world), Long.MAX_VALUE);
    }

    /** What recovery does with the log's records after the checkpoint: apply, hold for the output, or drop. */
    record Decided(List<WorldLog.Entry> applied, HeldRecords held, int dropped) {
    }

    /**
     * A record is applied if it is the last for its prefix and its commit mark is there or its file exists, and
     * dropped otherwise; without an events directory (Kafka), a record without a mark and every record after it are
     * held: the output decides them.
     */
    static Decided decide(List<WorldLog.Entry> entries, long checkpointSeq, Optional<Path> eventsDir) {
        final Set<Long> marked = new HashSet<>();
        final Map<String, Long> lastOfPrefix = new HashMap<>();
        for (WorldLog.Entry entry : entries) {
            if (entry.commit()) {
                marked.add(entry.seq());
            } else {
                lastOfPrefix.put(entry.prefix(), entry.seq());
            }
        }
        final List<WorldLog.Entry> applied = new ArrayList<>();
        final HeldRecords held = new HeldRecords();
        int dropped = 0;
        for (WorldLog.Entry entry : entries) {
            if (entry.commit() || entry.seq() <= checkpointSeq) {
                continue;
            }
            final boolean last = lastOfPrefix.get(entry.prefix()) == entry.seq();
            final boolean mark = marked.contains(entry.seq());
            if (eventsDir.isEmpty() && last && (!mark || held.any())) {
                // Decided by the output; every later record was generated after this one's outcome, so it waits too.
                held.add(entry, mark);
            } else if (last && (mark || Files.exists(eventsDir.orElseThrow().resolve(entry.prefix()
                    + Tick.FILE_SUFFIX)))) {
                applied.add(entry);
            } else {
                dropped++;
            }
        }
        return new Decided(applied, held, dropped);
    }
}
