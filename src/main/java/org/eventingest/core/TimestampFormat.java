package org.eventingest.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC, always three fraction digits. Remembers the last
 * millisecond it formatted: events of one tick share most of their instants. Not thread-safe.
 */
public final class TimestampFormat {

    public static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private long lastMillis = Long.MIN_VALUE;
    private com.fasterxml.jackson.core.io.SerializedString lastText;

    public String format(Instant instant) {
        return serialized(instant).getValue();
    }

    /** The text, with its JSON encoding kept, for a generator to write without encoding it again. */
    public com.fasterxml.jackson.core.io.SerializedString serialized(Instant instant) {
        final long millis = instant.toEpochMilli();
        if (millis != lastMillis) {
            lastText = new com.fasterxml.jackson.core.io.SerializedString(FORMATTER.format(Instant.ofEpochMilli(millis)));
            lastMillis = millis;
        }
        return lastText;
    }
}
