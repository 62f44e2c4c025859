package org.eventingest.files;

import java.nio.file.Path;

/** A file under its final name: complete, fsynced, visible to consumers. */
public record PublishedFile(String prefix, Path path, long bytes, long events) {
}
