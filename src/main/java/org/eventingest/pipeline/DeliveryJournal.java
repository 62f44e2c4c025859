package org.eventingest.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eventingest.core.AtomicFiles;

/**
 * What pipeline-apid has acknowledged, in the service's state directory: small, and replaced
 * atomically (write a temporary file, fsync, rename over the journal, fsync the directory), so a
 * crash leaves either the old or the new journal, never a torn one.
 *
 * <p>It does not list every file: {@code done_through} is a watermark, and the exceptions are few.
 */
public class DeliveryJournal {

    /**
     * @param doneThrough  every event file whose prefix is at most this was marked done, except those
     *                     in {@code pendingBelow}; empty when nothing was
     * @param registered   files whose register was acknowledged but not yet their done
     * @param pendingBelow files at or below the watermark that are not done: parked ones, and files
     *                     that appeared below it (the clock stepped back)
     */
    public record State(@JsonProperty("done_through") String doneThrough,
                        @JsonProperty("registered") Set<String> registered,
                        @JsonProperty("pending_below") Set<String> pendingBelow) {

        public static final State EMPTY = new State("", Set.of(), Set.of());

        public State {
            doneThrough = doneThrough == null ? "" : doneThrough;
            registered = registered == null ? Set.of() : Set.copyOf(new TreeSet<>(registered));
            pendingBelow = pendingBelow == null ? Set.of() : Set.copyOf(new TreeSet<>(pendingBelow));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path file;

    public DeliveryJournal(Path directory) {
        this.directory = directory;
        this.file = directory.resolve("delivery.json");
    }

    public Path file() {
        return file;
    }

    /** The saved state, or {@link State#EMPTY} when there is none yet. */
    public State load() throws IOException {
        try {
            return JSON.readValue(Files.readAllBytes(file), State.class);
        } catch (NoSuchFileException e) {
            return State.EMPTY;
        }
    }

    public void save(State state) throws IOException {
        Files.createDirectories(directory);
        final byte[] bytes = JSON.writeValueAsBytes(state);
        AtomicFiles.replace(file, true, out -> out.write(bytes));
    }
}
