package org.eventingest.files;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import org.eventingest.core.Event;
import org.eventingest.core.Tick;
import org.eventingest.tick.Published;
import org.eventingest.tick.TickOutput;

/**
 * The file output: each tick is a file of the events directory, its hard link the commit point
 * ({@link EventFileWriter}). Large ticks are generated and encoded on a helper thread while this
 * one writes.
 */
public final class FileTickOutput implements TickOutput {

    /**
     * Ticks of at least this many events are generated and encoded on the helper thread while the tick thread writes.
     */
    public static final int HELPER_THRESHOLD = 8192;

    private final EventFileWriter writer;
    private final ExecutorService helper;

    /** @param helper a single thread for large ticks; null to generate and write on the tick thread alone */
    public FileTickOutput(EventFileWriter writer, ExecutorService helper) {
        this.writer = writer;
        this.helper = helper;
    }

    @Override
    public void checkFree(String prefix) throws IOException {
        writer.checkFree(prefix);
    }

    @Override
    public Published publish(Tick tick, Iterator<Event> lines, BeforeCommit beforeCommit) throws IOException {
        final String prefix = tick.prefix();
        final EventFileWriter.BeforeLink beforeLink = beforeCommit::run;
        final PublishedFile file;
        if (helper == null || tick.size() < HELPER_THRESHOLD) {
            file = writer.publish(prefix, lines, beforeLink);
        } else {
            // Generated, counted and encoded on the helper; written here.
            try (HelperThreadLines encoded = new HelperThreadLines(lines, helper, EventFileWriter.BUFFER_BYTES)) {
                file = writer.publish(prefix, encoded, beforeLink);
            }
        }
        return new Published(prefix, file.path().getFileName().toString(), file.bytes(), file.events());
    }
}
