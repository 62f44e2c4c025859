package org.eventingest.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.eventingest.core.Event;
import org.eventingest.core.LineEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one tick's events and publishes them under the final name, never leaving a partial file
 * under it and never replacing a file that is there:
 * <ol>
 *   <li>stream the lines through a {@link LineEncoder} into {@code .<prefix>.event-ingest.txt.<unique>.tmp};</li>
 *   <li>flush and fsync it;</li>
 *   <li>hard-link it to {@code <prefix>.event-ingest.txt}: atomic, and it fails if the name is taken
 *       (a rename would silently replace);</li>
 *   <li>unlink the temporary name and fsync the directory.</li>
 * </ol>
 * A failure at any step removes the temporary file.
 */
public final class EventFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventFileWriter.class);
    /** The one write buffer of a file (inline), or each of the buffers passed between the threads (pipelined). */
    static final int BUFFER_BYTES = 256 * 1024;

    private final Path directory;
    private final String uniquePrefix = Long.toString(ProcessHandle.current().pid());
    private final AtomicLong sequence = new AtomicLong();

    private final com.codahale.metrics.Timer publication;

    public EventFileWriter(Path directory) {
        this(directory, new com.codahale.metrics.MetricRegistry());
    }

    /** Times the publication of each file (fsync, link, unlink, directory fsync) as {@code files.publication}. */
    public EventFileWriter(Path directory, com.codahale.metrics.MetricRegistry metrics) {
        this.directory = directory;
        this.publication = metrics.timer("files.publication");
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
        return publish(prefix, out -> {
            final LineEncoder lines = new LineEncoder(out, BUFFER_BYTES);
            long count = 0;
            while (events.hasNext()) {
                lines.write(events.next());
                count++;
            }
            lines.drain();
            return count;
        });
    }

    /** What a file holds, streamed into it by {@link #writeTo}. */
    @FunctionalInterface
    public interface Content {
        /** Writes the lines into {@code out}; the number of lines. */
        long writeTo(OutputStream out) throws IOException;
    }

    /** Publishes what {@code content} writes, as {@link #publish(String, Iterator)} does. */
    public PublishedFile publish(String prefix, Content content) throws IOException {
        final Path target = checkFree(prefix);
        final Path temporary = directory.resolve(EventFileNames.temporary(prefix,
                uniquePrefix + "-" + sequence.incrementAndGet()));
        try {
            final long[] written = writeSynced(temporary, content);
            final long linking = System.nanoTime();
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException e) {
                throw new FileCollisionException(target);
            }
            Files.delete(temporary);
            syncDirectory();
            publication.update(written[2] + System.nanoTime() - linking, java.util.concurrent.TimeUnit.NANOSECONDS);
            return new PublishedFile(prefix, target, written[0], written[1]);
        } finally {
            try {
                if (Files.exists(temporary)) {
                    Files.delete(temporary);
                }
            } catch (IOException e) {
                LOG.warn("could not remove temporary file {}", temporary, e);
            }
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
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            final long count = content.writeTo(Channels.newOutputStream(channel));
            final long syncing = System.nanoTime();
            channel.force(true);
            return new long[] {channel.size(), count, System.nanoTime() - syncing};
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
