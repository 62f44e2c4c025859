package org.eventingest.files;

import java.io.IOException;
import java.nio.file.Path;

/** The final name is taken: the tick is skipped, the existing file left as it is. */
public final class FileCollisionException extends IOException {
    private static final long serialVersionUID = 1L;


    public FileCollisionException(Path path) {
        super("event file already exists: " + path);
    }
}
