package org.eventingest.files;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.eventingest.core.Event;
import org.eventingest.core.EventLines;
import org.eventingest.core.TimestampFormat;

/** Writes events as the contract's lines through one reused {@link JsonGenerator}. Not thread-safe. */
final class EventLineWriter {

    private final JsonGenerator json;
    private final TimestampFormat savedAt = new TimestampFormat();
    private final TimestampFormat happenedAt = new TimestampFormat();

    EventLineWriter(JsonGenerator json) {
        this.json = json;
    }

    void write(Event event) throws IOException {
        EventLines.write(json, event, savedAt, happenedAt);
    }
}
