package org.eventingest.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The contract's line: {@code {"event_type":1,"payload":{...},"saved_at":"…","timestamp":"…"}},
 * as {@link LineEncoder} writes it.
 */
public final class EventLines {

    private EventLines() {
    }

    /** The line of {@code event}, without its newline: the exact bytes a file holds for it. */
    public static String toLine(Event event) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final LineEncoder encoder = new LineEncoder(bytes, 0);
        try {
            encoder.write(event);
            encoder.drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final String line = bytes.toString(StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }
}
