package org.eventingest.core.world;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per state directory: an exclusive lock on {@code state_dir/.lock}, held by the server,
 * {@code generate} and {@code rebuild-state} while they run and released by the operating system
 * when the process ends, a SIGKILL included. A second process on the same directory (two
 * instances given one {@code storage.state_dir}) is refused at start instead of interleaving its
 * records into the first one's log.
 */
public final class StateLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StateException if another process (or this one) holds the directory */
    public static StateLock acquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        final Path file = stateDir.resolve(FILE);
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        final FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw inUse(stateDir, "this process");
        }
        if (lock == null) {
            String holder = "";
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            } finally {
                channel.close();
            }
            throw inUse(stateDir, holder.isEmpty() ? "another process" : holder);
        }
        try {
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"), 0);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new StateLock(channel, lock);
    }

    private static StateException inUse(Path stateDir, String holder) {
        return new StateException("the state directory " + stateDir + " is in use by " + holder
                + ": one event-ingest per state directory; give each instance its own storage.state_dir"
                + " (and storage.shared_dir), or stop the other one");
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            lock.release();
            channel.close();
        }
    }
}
