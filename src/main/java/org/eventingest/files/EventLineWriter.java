package org.eventingest.files;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Clock;
import org.eventingest.core.Event;
import org.eventingest.core.TimestampFormat;

/**
 * Writes events as the contract's lines through one reused {@link JsonGenerator}:
 * {@code {"event_type":1,"payload":{...},"saved_at":"…","timestamp":"…"}\n}. Not thread-safe.
 */
final class EventLineWriter {

    private final JsonGenerator json;
    private final Clock clock;
    private final TimestampFormat savedAt = new TimestampFormat();
    private final TimestampFormat happenedAt = new TimestampFormat();

    EventLineWriter(JsonGenerator json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    void write(Event event) throws IOException {
        json.writeStartObject();
        json.writeNumberField("event_type", event.type().code());
        json.writeFieldName("payload");
        json.writeStartObject();
        event.payload().writeFields(json);
        json.writeEndObject();
        json.writeStringField("saved_at", savedAt.format(clock.instant()));
        json.writeStringField("timestamp", happenedAt.format(event.timestamp()));
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
