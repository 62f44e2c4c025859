package org.eventingest.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether the next tick can be written: the events and the state directory each take a probe
 * write (a file of a few kilobytes, created, written and deleted within the probe timeout: a full
 * disk fails it, where creating an empty file would not) and have room for the largest tick the
 * current rate can produce. Read by {@code /ready} and the {@code shared-dir} health check, so a
 * recovery shows at the next check.
 */
public final class StorageCheck {

    /** The most a line of the contract takes, with room to spare (lines are 120-250 bytes). */
    static final long BYTES_PER_EVENT = 256;
    /** A tick's log record holds at most this per event (touched cells, users, order slots), beyond its truth. */
    static final long STATE_BYTES_PER_EVENT = 64;
    private static final long SLACK = 1 << 20;

    /** The usable bytes of the file system a directory is on. */
    @FunctionalInterface
    public interface FreeSpace {
        long of(Path directory) throws IOException;
    }

    /** The real file system's. */
    public static final FreeSpace FILE_SYSTEM = directory -> Files.getFileStore(directory).getUsableSpace();

    private final EventDirectory events;
    private final EventDirectory state;
    private final LongSupplier largestTick;
    private final FreeSpace freeSpace;

    /**
     * @param largestTick the events of the largest tick the rate allows now
     * ({@code min(events_per_batch, max_batch_size)})
     */
    public StorageCheck(EventDirectory events, EventDirectory state, LongSupplier largestTick, FreeSpace freeSpace) {
        this.events = events;
        this.state = state;
        this.largestTick = largestTick;
        this.freeSpace = freeSpace;
    }

    /** Why the next tick could not be written, if it could not. */
    public Optional<String> problem() {
        final long tick = largestTick.getAsLong();
        return events.probeWritable()
                .or(() -> room(events.path(), "events", tick * BYTES_PER_EVENT + SLACK))
                .or(state::probeWritable)
                .or(() -> room(state.path(), "state", tick * STATE_BYTES_PER_EVENT + SLACK));
    }

    private Optional<String> room(Path directory, String which, long needed) {
        try {
            final long free = freeSpace.of(directory);
            if (free < needed) {
                return Optional.of("the " + which + " directory " + directory + " has " + mb(free)
                        + " MB free, less than the " + mb(needed) + " MB the largest tick ("
                        + largestTick.getAsLong() + " events) may need");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot tell the free space of the " + which + " directory " + directory + ": " + e);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }
}
