package org.eventingest.core.world;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.LongSupplier;
import org.eventingest.core.CrashPoint;
import org.eventingest.core.IoFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world's state directory, crash-consistent with the published files. The commit point of a
 * tick is its file's hard link:
 * <ol>
 *   <li>before the link, the tick's changes and truth record are appended to {@code world.log}
 *       and fsynced ({@link #append});</li>
 *   <li>after it, a commit mark is appended, the truth record is written to
 *       {@code truth/<prefix>.json}, and now and then the whole world is written to
 *       {@code world.ckpt} and the log emptied ({@link #committed}).</li>
 * </ol>
 * At start ({@link #open}) the checkpoint is loaded and every log record after it is applied if
 * its file exists or its commit mark is there, and dropped otherwise; a record superseded by a
 * later one for the same file name is dropped too. So the world is always the one of exactly the
 * published files, whatever instant a crash hit.
 *
 * <p>When the commit point is elsewhere (a Kafka transaction), a record without a mark cannot be
 * decided from the disk: it and every record after it are {@linkplain #inDoubt() held}, not applied,
 * until the output tells which of them were committed ({@link #settle}).
 */
public final class WorldStore {

    private static final Logger LOG = LoggerFactory.getLogger(WorldStore.class);
    public static final String CHECKPOINT = "world.ckpt";
    public static final String LOG_FILE = "world.log";
    public static final String TRUTH_DIR = "truth";
    /**
     * The log is folded into a checkpoint once it is at least this big and as big as a checkpoint
     * (so a checkpoint's O(world) write is paid once per O(world) of ticks' records); the test-only
     * property {@code event-ingest.checkpoint-log-bytes} sets the size alone.
     */
    static final long MIN_CHECKPOINT_LOG_BYTES = 16L << 20;

    private final Path directory;
    private final TruthFiles truth;
    private final WorldLog log;
    private final IoFaults faults;
    private final World world;
    private final long seed;
    private final long checkpointLogBytes;
    private long seq;
    private Optional<String> lastFile;
    private volatile String problem;
    private boolean rebuilding;
    private HeldRecords held = new HeldRecords();
    private Optional<String> newestRecord = Optional.empty(); // of any record logged, whatever became of it

    WorldStore(Path directory, WorldLog log, IoFaults faults, WorldCheckpoint.Loaded loaded,
                       long checkpointLogBytes) {
        this.directory = directory;
        this.truth = new TruthFiles(directory.resolve(TRUTH_DIR), faults);
        this.log = log;
        this.faults = faults;
        this.world = loaded.world();
        this.seed = loaded.seed();
        this.seq = loaded.seq();
        this.lastFile = loaded.lastFile();
        this.checkpointLogBytes = checkpointLogBytes;
    }

    /**
     * Opens the state directory and recovers the world of exactly the published files.
     *
     * @param configuredSeed {@code events.seed}, if set: it must be the state's
     * @param newSeed        the seed of a new world when none is configured
     * @throws StateException if the state must not be continued (the message says what to do)
     */
    public static WorldStore open(Path stateDir, Path eventsDir, WorldSpec spec, OptionalLong configuredSeed,
                                  LongSupplier newSeed, IoFaults faults) throws IOException {
        return open(stateDir, Optional.of(eventsDir), spec, configuredSeed, newSeed, faults);
    }

    /**
     * As {@link #open(Path, Path, WorldSpec, OptionalLong, LongSupplier, IoFaults)}; with no events directory
     * (the ticks go to Kafka), records without a commit mark are held until {@link #settle}.
     */
    public static WorldStore open(Path stateDir, Optional<Path> eventsDir, WorldSpec spec,
                                  OptionalLong configuredSeed, LongSupplier newSeed, IoFaults faults)
            throws IOException {
        final String forced = System.getProperty("event-ingest.checkpoint-log-bytes");
        final long checkpointLogBytes = forced != null ? Long.parseLong(forced)
                : Math.max(MIN_CHECKPOINT_LOG_BYTES, checkpointBytes(spec));
        return open(stateDir, eventsDir, spec, configuredSeed, newSeed, faults, checkpointLogBytes);
    }

    static WorldStore open(Path stateDir, Path eventsDir, WorldSpec spec, OptionalLong configuredSeed,
                           LongSupplier newSeed, IoFaults faults, long checkpointLogBytes) throws IOException {
        return open(stateDir, Optional.of(eventsDir), spec, configuredSeed, newSeed, faults, checkpointLogBytes);
    }

    static WorldStore open(Path stateDir, Optional<Path> eventsDir, WorldSpec spec, OptionalLong configuredSeed,
                           LongSupplier newSeed, IoFaults faults, long checkpointLogBytes) throws IOException {
        return StateOpening.open(stateDir, eventsDir, spec, configuredSeed, newSeed, faults, checkpointLogBytes);
    }

    /** A new state in {@code stateDir} for {@link WorldRebuild}: see {@link StateOpening#rebuilding}. */
    static WorldStore rebuilding(Path stateDir, WorldSpec spec, long seed) throws IOException {
        final WorldStore store = StateOpening.rebuilding(stateDir, spec, seed);
        store.rebuilding = true;
        return store;
    }

    /** The end of a rebuild: every truth record written and the whole world in a checkpoint, durably. */
    void finishRebuild() throws IOException {
        truth.writeWaiting();
        checkpoint();
    }

    void recover(List<WorldLog.Entry> entries, Optional<Path> eventsDir) throws IOException {
        final StateOpening.Decided decided = StateOpening.decide(entries, seq, eventsDir);
        for (WorldLog.Entry entry : decided.applied()) {
            apply(entry);
        }
        held = decided.held();
        seq = entries.stream().mapToLong(WorldLog.Entry::seq).max().orElse(seq);
        newestRecord = entries.stream().map(WorldLog.Entry::prefix).max(String::compareTo);
        if (entries.isEmpty()) {
            return;
        }
        LOG.info("world recovered from {}: {} ticks applied, {} never published dropped, {} held until the output "
                + "tells whether they were committed; last tick {}", directory, decided.applied().size(),
                decided.dropped(), held.size(), lastFile.orElse("none"));
        if (!held.any()) {
            foldAfterRecovery();
        }
    }

    private void apply(WorldLog.Entry entry) throws IOException {
        try {
            WorldCodec.applyRedo(ByteBuffer.wrap(entry.redo()), world);
        } catch (IOException | IllegalStateException | BufferUnderflowException e) {
            throw StateException.damaged(log.file(), 0, "the record of " + entry.prefix()
                    + " does not apply to the world before it (" + e.getMessage() + ")");
        }
        lastFile = Optional.of(entry.prefix());
        truth.add(entry.prefix(), entry.truth());
    }

    /** The checkpoint that follows makes the mark unneeded; until then, a failure is the state's problem. */
    private void markQuietly(WorldLog.Entry entry) {
        try {
            log.appendCommit(entry.seq(), entry.prefix());
        } catch (IOException e) {
            problem = "cannot append to " + log.file() + ": " + e;
        }
    }

    private void foldAfterRecovery() {
        try {
            truth.writeWaiting();
            checkpoint(); // the log starts empty again: start time stays bounded
        } catch (IOException e) {
            problem = "cannot write " + directory + " after recovery: " + e;
            LOG.warn("{}; retried after the next tick", problem);
        }
    }

    /**
     * The prefixes of the logged ticks whose outcome the output must tell (oldest first), before the next tick;
     * empty when there are none.
     */
    public SortedSet<String> inDoubt() {
        return held.prefixes();
    }

    /**
     * Applies the held records whose tick was {@code committed} (or that carry a commit mark), in log order, and
     * drops the others; then the log is folded into a checkpoint.
     */
    public void settle(Set<String> committed) throws IOException {
        int applied = 0;
        for (WorldLog.Entry entry : held.entries()) {
            if (held.marked(entry) || committed.contains(entry.prefix())) {
                apply(entry);
                applied++;
                if (!held.marked(entry)) {
                    markQuietly(entry);
                }
            }
        }
        LOG.info("{} of {} ticks held at start were committed, the others dropped; last tick {}", applied,
                held.size(), lastFile.orElse("none"));
        held.clear();
        foldAfterRecovery();
    }

    public World world() {
        return world;
    }

    public long seed() {
        return seed;
    }

    /** The prefix of the last published file the world includes. */
    public Optional<String> lastFile() {
        return lastFile;
    }

    /** The newest tick the state holds a record of (applied, held or in doubt): a newer one on the topic is lost. */
    public Optional<String> newestLogged() {
        return newestRecord.filter(r -> lastFile.isEmpty() || r.compareTo(lastFile.get()) > 0).or(() -> lastFile);
    }

    /** What is wrong with the state directory now (a write that failed and is being retried), if anything. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Makes the tick's changes and truth durable ahead of its file: call after the file's content is
     * fsynced and before it is linked. If this throws, the tick must not be published.
     *
     * @return the record's sequence number, for {@link #committed}
     */
    long append(String prefix, World changed, byte[] truth) throws IOException {
        final long next = seq + 1;
        try {
            log.appendTick(next, prefix, out -> WorldCodec.writeRedo(out, changed), truth, !rebuilding);
        } catch (IOException e) {
            problem = "cannot append to " + log.file() + ": " + e;
            throw e;
        }
        seq = next;
        newestRecord = newestRecord.filter(r -> r.compareTo(prefix) > 0).or(() -> Optional.of(prefix));
        CrashPoint.reach("state-logged");
        return next;
    }

    /**
     * The tick's file is linked: its changes are final. Writes the commit mark and the truth record
     * and, when the log has grown enough, a checkpoint. Never throws: what fails is kept, reported
     * by {@link #problem()} and retried after the next tick.
     */
    void committed(long recordSeq, String prefix, byte[] record) {
        lastFile = Optional.of(prefix);
        truth.add(prefix, record);
        String failure = null;
        try {
            log.appendCommit(recordSeq, prefix);
            CrashPoint.reach("state-committed");
        } catch (IOException e) {
            failure = "cannot append to " + log.file() + ": " + e;
        }
        try {
            truth.writeWaiting();
        } catch (IOException e) {
            failure = "cannot write a truth record in " + truth.directory() + ": " + e;
        }
        if (failure == null && truth.allWritten() && log.size() >= checkpointLogBytes) {
            try {
                checkpoint();
            } catch (IOException e) {
                failure = "cannot write the checkpoint " + directory.resolve(CHECKPOINT) + ": " + e;
            }
        }
        if (failure != null && problem == null) {
            LOG.warn("{}; retried after the next tick (the world goes on in memory and in the log)", failure);
        } else if (failure == null && problem != null) {
            LOG.info("the state directory {} is written again", directory);
        }
        problem = failure;
    }

    private static long checkpointBytes(WorldSpec spec) {
        return 12L * spec.cells() + 8L * spec.localUsers() + 32L * spec.maxOpenOrders();
    }

    /** Writes the whole world, makes every truth record durable, then empties the log. */
    private void checkpoint() throws IOException {
        final long started = System.nanoTime();
        faults.check("state-checkpoint", directory);
        truth.sync();
        WorldCheckpoint.write(directory.resolve(CHECKPOINT), world, seed, seq, lastFile, false);
        CrashPoint.reach("checkpoint-written");
        log.reset();
        CrashPoint.reach("log-reset");
        LOG.debug("checkpoint of {} written in {} ms", lastFile.orElse("none"),
                (System.nanoTime() - started) / 1_000_000);
    }
}
