package org.eventingest.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.eventingest.core.EventFileName;

/**
 * Reads the events directory entry by entry, for the index behind stats, the delivery's queue and
 * the clearing of leftovers at start; {@link EventFileName} says which names are event files.
 * Files are listed in name order, which is time order.
 *
 * <p>A directory that cannot be opened throws {@link IOException}; an entry that cannot be read
 * while listing throws {@link DirectoryIteratorException}, as {@link DirectoryStream} does.
 */
public final class EventFileListing {

    private static final Comparator<Path> BY_NAME = Comparator.comparing(path -> path.getFileName().toString());

    private EventFileListing() {
    }

    /** The published event files of {@code directory}, in name order; none when it is not a directory. */
    public static List<Path> published(Path directory) throws IOException {
        return list(directory, EventFileName::isPublished);
    }

    /** The temporary files of unfinished writes in {@code directory}, in name order; none if it is not a directory. */
    public static List<Path> temporary(Path directory) throws IOException {
        return list(directory, EventFileName::isTemporary);
    }

    private static List<Path> list(Path directory, Predicate<String> names) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        final List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> names.test(entry.getFileName().toString()))) {
            entries.forEach(found::add);
        }
        found.sort(BY_NAME);
        return List.copyOf(found);
    }
}
