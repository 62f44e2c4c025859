package org.eventingest.core.world;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One writer per state directory: an exclusive lock on {@code state_dir/.lock}, held by the server,
 * {@code generate} and {@code rebuild-state} while they run and released by the operating system
 * when the process ends, a SIGKILL included. A second process on the same directory (two
 * instances given one {@code storage.state_dir}) is refused at start instead of interleaving its
 * records into the first one's log.
 *
 * <p>An instance of a partitioned world ({@code world.partitions > 1}) also locks its events directory,
 * {@code events/.event-ingest.lock} (a dotfile: the consumers' pattern never matches it): the file contract
 * has one writer, so instances of one world must not share a {@code storage.shared_dir}. An unpartitioned
 * instance leaves its events directory as it always was, without the file.
 */
public final class StateLock implements AutoCloseable {

    static final String FILE = ".lock";
    /** The lock file in the events directory. */
    public static final String EVENTS_FILE = ".event-ingest.lock";

    /** The locked files' channels: closing one releases its lock. */
    private final List<FileChannel> held;

    private StateLock(List<FileChannel> held) {
        this.held = held;
    }

    /** @throws StateException if another process (or this one) holds the directory */
    public static StateLock acquire(Path stateDir) throws IOException {
        return acquire(stateDir, Optional.empty());
    }

    /**
     * Locks {@code eventsDir} too, if given, and first: two instances on one shared directory are then
     * told that, rather than about the state directory inside it.
     *
     * @throws StateException if another process (or this one) holds either directory
     */
    public static StateLock acquire(Path stateDir, Optional<Path> eventsDir) throws IOException {
        final List<FileChannel> held = new ArrayList<>();
        try {
            if (eventsDir.isPresent()) {
                final Path events = eventsDir.get();
                held.add(lock(events, EVENTS_FILE, holder -> new StateException("the events directory " + events
                        + " is in use by " + holder + ": an instance of a partitioned world (world.partitions > 1) "
                        + "is the only writer of its events directory; give each instance its own "
                        + "storage.shared_dir (SHARED_DIR), or stop the other one")));
            }
            held.add(lock(stateDir, FILE, holder -> new StateException("the state directory " + stateDir
                    + " is in use by " + holder + ": one event-ingest per state directory; give each instance its own"
                    + " storage.state_dir (and storage.shared_dir), or stop the other one")));
        } catch (IOException | RuntimeException e) {
            try {
                release(held);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new StateLock(List.copyOf(held));
    }

    private static FileChannel lock(Path dir, String name, Function<String, StateException> inUse) throws IOException {
        Files.createDirectories(dir);
        final Path file = dir.resolve(name);
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        final FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw inUse.apply("this process");
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = "";
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            } finally {
                channel.close();
            }
            throw inUse.apply(holder.isEmpty() ? "another process" : holder);
        }
        try {
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"), 0);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static void release(List<FileChannel> held) throws IOException {
        IOException failed = null;
        for (FileChannel channel : held) {
            try {
                channel.close(); // releases the lock; closing twice is harmless
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() throws IOException {
        release(held);
    }
}
