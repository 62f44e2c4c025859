package org.eventingest.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where file-system faults can be injected: every write of the events and state directories asks
 * first. In production nothing fails here; tests inject a full disk or a refused permission at a
 * named step without needing root to make a directory unwritable.
 */
@FunctionalInterface
public interface IoFaults {

    /** No faults: the real file system's own errors only. */
    IoFaults NONE = (step, path) -> {
    };

    /** @throws IOException to fail the step {@code step} on {@code path} as the file system would */
    void check(String step, Path path) throws IOException;
}
