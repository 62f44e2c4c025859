package org.eventingest.core.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eventingest.core.EventFileName;

/** The checks at start that keep a service from continuing a world the files do not match. */
final class StateGuards {


    private StateGuards() {
    }

    /**
     * A state directory without a checkpoint: refused if a log, an earlier version's world or event files say a world
     * existed.
     */
    static void refuseIfMissing(Path stateDir, Optional<Path> events) throws IOException {
        if (Files.exists(stateDir.resolve("world.bin"))) {
            throw new StateException(stateDir.resolve("world.bin")
                    + " is the world of an earlier version, which may be behind the files: " + StateException.REBUILD
                    + ", or move it away to start a new world (order ids start at 1 again)");
        }
        if (Files.exists(stateDir.resolve(WorldStore.LOG_FILE))
                && Files.size(stateDir.resolve(WorldStore.LOG_FILE)) > 0) {
            throw new StateException(stateDir.resolve(WorldStore.LOG_FILE) + " exists without "
                    + WorldStore.CHECKPOINT + "; " + StateException.REBUILD);
        }
        if (events.isEmpty()) {
            return; // the output checks its own ticks against the state (KafkaTickOutput)
        }
        final Path eventsDir = events.get();
        final List<String> files = publishedFiles(eventsDir);
        if (!files.isEmpty()) {
            throw new StateException("the state directory " + stateDir + " holds no world, but " + eventsDir + " holds "
                    + files.size() + " event files (newest " + files.get(files.size() - 1) + "): "
                    + StateException.REBUILD + ", or move the event files away to start a new world");
        }
    }

    /** Refused when the events directory holds a file newer than the last one the world includes. */
    static void refuseIfBehind(Path directory, Optional<String> lastFile, Path eventsDir) throws IOException {
        final List<String> files = publishedFiles(eventsDir);
        if (files.isEmpty()) {
            return;
        }
        final String newest = files.get(files.size() - 1);
        final String newestPrefix = EventFileName.parse(newest).orElseThrow().prefix();
        if (lastFile.isEmpty() || newestPrefix.compareTo(lastFile.get()) > 0) {
            throw new StateException("the world in " + directory + " ends at " + lastFile.orElse("no file")
                    + " but " + eventsDir + " holds " + newest + " (a state restored from a backup, or files from "
                    + "elsewhere): " + StateException.REBUILD);
        }
    }

    /** The published files' names, in name order. */
    static List<String> publishedFiles(Path eventsDir) throws IOException {
        if (!Files.isDirectory(eventsDir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(eventsDir)) {
            return list.map(path -> path.getFileName().toString()).filter(EventFileName::isPublished)
                    .sorted().toList();
        }
    }
}
