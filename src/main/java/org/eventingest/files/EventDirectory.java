package org.eventingest.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events directory: created at start, cleared of temporary files that a crash left behind,
 * and probed for writability (create and delete a file) within a time limit, because a hung
 * shared mount must show up as a failed check, not as a hung one.
 */
public final class EventDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(EventDirectory.class);

    /** A probe that hangs on a dead mount keeps its own thread, not one of the common pool's. */
    private static final Executor PROBES = Executors.newCachedThreadPool(runnable -> {
        final Thread thread = new Thread(runnable, "events-dir-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** Proves that a file can be created in a directory; throws if not. */
    @FunctionalInterface
    public interface Probe {
        void run(Path directory) throws IOException;
    }

    /** What the probe writes: enough that a full file system refuses it. */
    static final int PROBE_BYTES = 8192;

    /** Creates, writes and deletes a file whose name is never a published one. */
    public static final Probe CREATE_AND_DELETE = directory -> {
        final Path probe = Files.createTempFile(directory, ".probe-", ".tmp");
        try {
            Files.write(probe, new byte[PROBE_BYTES]); // a full disk refuses the bytes, not the empty file
        } finally {
            Files.delete(probe);
        }
    };

    private final Path path;
    private final Duration probeTimeout;
    private final Probe probe;

    public EventDirectory(Path path, Duration probeTimeout) {
        this(path, probeTimeout, CREATE_AND_DELETE);
    }

    public EventDirectory(Path path, Duration probeTimeout, Probe probe) {
        this.path = path;
        this.probeTimeout = probeTimeout;
        this.probe = probe;
    }

    public Path path() {
        return path;
    }

    /**
     * Creates the directory if missing and removes leftover temporary files. Failures are logged,
     * not thrown: the service still starts and reports the directory as not writable.
     *
     * @return how many leftovers were removed
     */
    public int prepare() {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            LOG.warn("cannot create events directory {}: {}", path, e.toString());
            return 0;
        }
        int removed = 0;
        try {
            for (Path leftover : EventFileListing.temporary(path)) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        } catch (IOException e) {
            LOG.warn("cannot clear temporary files in {}: {}", path, e.toString());
        }
        if (removed > 0) {
            LOG.info("removed {} temporary files left by an earlier run in {}", removed, path);
        }
        return removed;
    }

    /**
     * Runs the probe, giving up after {@code events.validation_timeout}.
     *
     * @return empty when writable, else why not
     */
    public Optional<String> probeWritable() {
        final CompletableFuture<Void> result = CompletableFuture.runAsync(() -> {
            try {
                probe.run(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, PROBES);
        try {
            result.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("creating a file in " + path + " took longer than " + probeTimeout.toMillis()
                    + " ms (events.validation_timeout)");
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            return Optional.of("cannot create a file in " + path + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing " + path);
        }
    }
}
