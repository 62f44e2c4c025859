package org.eventingest.core.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventingest.core.AtomicFiles;
import org.eventingest.core.IoFaults;

/**
 * {@code truth/<prefix>.json}: written after each file's link without an fsync (the log holds the
 * record until then), each replaced atomically so that readers never see a partial one, and made
 * durable all at once before the log is emptied. Records that cannot be written wait, oldest first.
 */
final class TruthFiles {

    private final Path directory;
    private final IoFaults faults;
    private final List<Path> unsynced = new ArrayList<>();
    private final Map<String, byte[]> waiting = new LinkedHashMap<>();

    TruthFiles(Path directory, IoFaults faults) {
        this.directory = directory;
        this.faults = faults;
    }

    Path directory() {
        return directory;
    }

    /** Queues the record of {@code prefix}'s file: {@link #writeWaiting()} writes it. */
    void add(String prefix, byte[] truth) {
        waiting.put(prefix, truth);
    }

    boolean allWritten() {
        return waiting.isEmpty();
    }

    /**
     * Writes the waiting records (those already there with the same bytes are left); a failure leaves the rest waiting.
     */
    void writeWaiting() throws IOException {
        for (var pending = waiting.entrySet().iterator(); pending.hasNext(); ) {
            final var next = pending.next();
            final Path target = directory.resolve(next.getKey() + ".json");
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), next.getValue())) {
                faults.check("state-truth", target);
                Files.createDirectories(directory);
                AtomicFiles.replace(target, false, out -> out.write(next.getValue()));
                unsynced.add(target);
            }
            pending.remove();
        }
    }

    /** fsyncs every record written since the last call, and the directory. */
    void sync() throws IOException {
        for (Path truth : unsynced) {
            if (Files.exists(truth)) {
                AtomicFiles.sync(truth);
            }
        }
        AtomicFiles.syncDirectory(directory);
        unsynced.clear();
    }
}
