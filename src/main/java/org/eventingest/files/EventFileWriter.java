package org.eventingest.files;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eventingest.core.CrashPoint;
import org.eventingest.core.Event;
import org.eventingest.core.IoFaults;
import org.eventingest.core.LineEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one tick's events and publishes them under the final name, never leaving a partial file
 * under it and never replacing a file that is there:
 * <ol>
 *   <li>stream the lines through a {@link LineEncoder} into {@code .<prefix>.event-ingest.txt.<unique>.tmp};</li>
 *   <li>flush and fsync it;</li>
 *   <li>let the generator make the tick's state durable ({@link BeforeLink}): if that fails, nothing
 *       is published;</li>
 *   <li>hard-link it to {@code <prefix>.event-ingest.txt}: atomic, and it fails if the name is taken
 *       (a rename would silently replace);</li>
 *   <li>unlink the temporary name and fsync the directory.</li>
 * </ol>
 * A failure at any step before the link removes the temporary file and publishes nothing. The link
 * is the commit point: once it is done the file is published, and a failure of the last step is
 * logged and retried with the next file, never reported as an unpublished tick.
 */
public final class EventFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventFileWriter.class);
    /** The one write buffer of a file (inline), or each of the buffers passed from the helper thread. */
    public static final int BUFFER_BYTES = 256 * 1024;

    private final Path directory;
    private final String uniquePrefix = Long.toString(ProcessHandle.current().pid());
    private final AtomicLong sequence = new AtomicLong();

    private final Timer publication;
    private final IoFaults faults;
    private boolean directoryUnsynced;

    /** Runs after the file's content is durable and before it is linked; a throw publishes nothing. */
    @FunctionalInterface
    public interface BeforeLink {
        void run() throws IOException;
    }

    public EventFileWriter(Path directory) {
        this(directory, new MetricRegistry(), IoFaults.NONE);
    }

    public EventFileWriter(Path directory, MetricRegistry metrics) {
        this(directory, metrics, IoFaults.NONE);
    }

    /** Times the publication of each file (fsync, link, unlink, directory fsync) as {@code files.publication}. */
    public EventFileWriter(Path directory, MetricRegistry metrics, IoFaults faults) {
        this.directory = directory;
        this.publication = metrics.timer("files.publication");
        this.faults = faults;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes {@code events} and publishes them as {@code <prefix>.event-ingest.txt}.
     *
     * @throws FileCollisionException if that name exists; nothing is written then
     * @throws IOException if writing or publishing failed; no file is left behind then
     */
    public PublishedFile publish(String prefix, Iterator<Event> events) throws IOException {
        return publish(prefix, events, () -> {
        });
    }

    /** As {@link #publish(String, Iterator)}, with {@code beforeLink} run between the fsync and the link. */
    public PublishedFile publish(String prefix, Iterator<Event> events, BeforeLink beforeLink) throws IOException {
        return publish(prefix, out -> {
            final LineEncoder lines = new LineEncoder(out, BUFFER_BYTES);
            long count = 0;
            while (events.hasNext()) {
                lines.write(events.next());
                count++;
            }
            lines.drain();
            return count;
        }, beforeLink);
    }

    /** What a file holds, streamed into it by {@link #writeTo}. */
    @FunctionalInterface
    public interface Content {
        /** Writes the lines into {@code out}; the number of lines. */
        long writeTo(OutputStream out) throws IOException;
    }

    /** Publishes what {@code content} writes, as {@link #publish(String, Iterator, BeforeLink)} does. */
    public PublishedFile publish(String prefix, Content content, BeforeLink beforeLink) throws IOException {
        final Path target = checkFree(prefix);
        final Path temporary = directory.resolve(EventFileNames.temporary(prefix,
                uniquePrefix + "-" + sequence.incrementAndGet()));
        final long[] written;
        final long linking;
        try {
            faults.check("events-write", temporary);
            written = writeSynced(temporary, content);
            CrashPoint.reach("file-synced");
            beforeLink.run();
            linking = System.nanoTime();
            link(target, temporary);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
        CrashPoint.reach("linked");
        finishPublication(temporary);
        publication.update(written[2] + System.nanoTime() - linking, TimeUnit.NANOSECONDS);
        return new PublishedFile(prefix, target, written[0], written[1]);
    }

    private void link(Path target, Path temporary) throws IOException {
        try {
            faults.check("events-link", target);
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw new FileCollisionException(target);
        } catch (IOException e) {
            // A link reported as failed may still have happened (a retried NFS call): then it is published.
            if (!Files.exists(target) || !Files.isSameFile(target, temporary)) {
                throw e;
            }
        }
    }

    /** Unlinks the temporary name and fsyncs the directory; the file is published whatever happens here. */
    private void finishPublication(Path temporary) {
        deleteQuietly(temporary);
        try {
            faults.check("events-sync", directory);
            syncDirectory();
            if (directoryUnsynced) {
                LOG.info("events directory {} synced again", directory);
                directoryUnsynced = false;
            }
            CrashPoint.reach("directory-synced");
        } catch (IOException e) {
            if (!directoryUnsynced) {
                LOG.warn("published, but cannot fsync the events directory {} ({}): retried with the next file",
                        directory, e.toString());
                directoryUnsynced = true;
            }
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOG.warn("could not remove temporary file {}", temporary, e);
        }
    }

    /**
     * @return where {@code prefix}'s file goes
     * @throws FileCollisionException if a file is there already
     */
    public Path checkFree(String prefix) throws FileCollisionException {
        final Path target = directory.resolve(EventFileNames.published(prefix));
        if (Files.exists(target)) {
            throw new FileCollisionException(target);
        }
        return target;
    }

    /** @return {bytes, events, nanoseconds the fsync took} */
    private long[] writeSynced(Path temporary, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            final long count = content.writeTo(crashingMidWrite(Channels.newOutputStream(channel)));
            final long syncing = System.nanoTime();
            channel.force(true);
            return new long[] {channel.size(), count, System.nanoTime() - syncing};
        }
    }

    /** The crash point {@code mid-write}: after the first buffer of a file reached the disk. */
    private static OutputStream crashingMidWrite(OutputStream out) {
        if (!CrashPoint.armed("mid-write")) {
            return out;
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                CrashPoint.reach("mid-write");
            }
        };
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
