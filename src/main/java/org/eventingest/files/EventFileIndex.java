package org.eventingest.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.eventingest.tick.Published;

/**
 * What the events directory holds, for stats: built once at start by reading the directory, then
 * kept up to date by the writer, so that a stats request never rereads the files.
 */
public final class EventFileIndex {

    /** A consistent view of the index. */
    public record Summary(long files, long bytes, long events, Optional<String> newest) {
        /** For the start line: {@code 3 files (540 bytes, 12 events; newest 20260101000030)}. */
        public String describe() {
            return files + " files (" + bytes + " bytes, " + events + " events; newest " + newest.orElse("none") + ")";
        }
    }

    private long files;
    private long bytes;
    private long events;
    private String newest;

    /** Reads every published file of {@code directory} once: sizes, and events by counting lines. */
    public static EventFileIndex scan(Path directory) throws IOException {
        final EventFileIndex index = new EventFileIndex();
        for (Path path : EventFileListing.published(directory)) {
            try {
                index.add(EventFileNames.prefixOf(path.getFileName().toString()), Files.size(path), countLines(path));
            } catch (NoSuchFileException e) {
                // removed while we looked: not there.
            }
        }
        return index;
    }

    public synchronized void add(Published file) {
        add(file.prefix(), file.bytes(), file.events());
    }

    private synchronized void add(String prefix, long size, long lines) {
        files++;
        bytes += size;
        events += lines;
        final String name = EventFileNames.published(prefix);
        if (newest == null || name.compareTo(newest) > 0) {
            newest = name;
        }
    }

    public synchronized Summary summary() {
        return new Summary(files, bytes, events, Optional.ofNullable(newest));
    }

    static long countLines(Path path) throws IOException {
        long lines = 0;
        final byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
