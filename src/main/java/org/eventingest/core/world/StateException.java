package org.eventingest.core.world;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A state directory the service must not continue from: damaged somewhere other than a torn last
 * record, of another world or seed than the configuration's, missing while event files exist, or
 * behind the published files. The message names the file (and offset) and the way out; the
 * service refuses to start with it.
 */
public final class StateException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What an operator does about a damaged or missing state. */
    static final String REBUILD = "rebuild it from the event files with "
            + "`java -jar event-ingest.jar rebuild-state event-ingest.toml` (it moves the old state aside)";

    StateException(String message) {
        super(message);
    }

    static StateException damaged(Path file, long offset, String what) {
        return new StateException(file + " is damaged at offset " + offset + ": " + what + "; " + REBUILD);
    }
}
