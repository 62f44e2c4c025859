package org.eventingest.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The contract's line: {@code {"event_type":1,"payload":{...},"saved_at":"…","timestamp":"…"}},
 * written through a Jackson {@link JsonGenerator}.
 */
public final class EventLines {

    private static final JsonFactory JSON = new JsonFactory();

    private EventLines() {
    }

    /** Writes one line, with its {@code \n}; raw lines as they are. */
    public static void write(JsonGenerator json, Event event, TimestampFormat savedAt, TimestampFormat timestamp)
            throws IOException {
        if (event.isRaw()) {
            json.writeRaw(event.raw());
            json.writeRaw('\n');
            return;
        }
        json.writeStartObject();
        json.writeFieldName(Payload.Names.EVENT_TYPE);
        json.writeNumber(event.type().code());
        json.writeFieldName(Payload.Names.PAYLOAD);
        json.writeStartObject();
        event.payload().writeFields(json);
        json.writeEndObject();
        json.writeFieldName(Payload.Names.SAVED_AT);
        json.writeString(savedAt.serialized(event.savedAt()));
        json.writeFieldName(Payload.Names.TIMESTAMP);
        json.writeString(timestamp.serialized(event.timestamp()));
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** The line of {@code event}, without its newline: the exact bytes a file holds for it. */
    public static String toLine(Event event) {
        final StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.setRootValueSeparator(null);
            write(json, event, new TimestampFormat(), new TimestampFormat());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().substring(0, text.getBuffer().length() - 1);
    }
}
