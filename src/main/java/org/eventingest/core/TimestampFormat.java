package org.eventingest.core;

import java.nio.charset.StandardCharsets;
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
    private byte[] lastBytes;

    /** The text as ASCII bytes; the array is shared until another millisecond is formatted: do not change it. */
    public byte[] ascii(Instant instant) {
        final long millis = instant.toEpochMilli();
        if (millis != lastMillis) {
            lastBytes = FORMATTER.format(Instant.ofEpochMilli(millis)).getBytes(StandardCharsets.US_ASCII);
            lastMillis = millis;
        }
        return lastBytes;
    }
}
