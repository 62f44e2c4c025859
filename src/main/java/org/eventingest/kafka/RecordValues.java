package org.eventingest.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eventingest.core.Event;
import org.eventingest.core.LineEncoder;

/** A line's record value: its bytes as the file would hold them, without the newline. Not thread-safe. */
final class RecordValues {

    private byte[] encoded;
    private final LineEncoder encoder = new LineEncoder(new byte[4096], (full, length) -> {
        encoded = Arrays.copyOf(full, length - 1);
        return full;
    });

    byte[] of(Event event) throws IOException {
        if (event.isRaw()) {
            return event.raw().getBytes(StandardCharsets.UTF_8);
        }
        encoder.write(event);
        encoder.drain();
        return encoded;
    }

    /** A truth record (JSON and a newline) as a record value: without the newline. */
    static byte[] strip(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\n' ? Arrays.copyOf(line, line.length - 1) : line;
    }
}
