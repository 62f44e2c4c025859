package org.eventingest.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes event lines as UTF-8 straight into one byte buffer, drained to a stream when nearly full.
 * A line holds only integers, two-decimal amounts, booleans, two timestamps and a few strings, so
 * each value is written as its bytes: no String, no per-value state checks, no second buffer.
 * Field names are encoded once; strings are quoted by Jackson's {@link JsonStringEncoder}, once
 * per distinct string; timestamps are formatted once per millisecond ({@link TimestampFormat}).
 * Not thread-safe.
 *
 * <p>The bytes are exactly those of a Jackson {@code JsonGenerator} writing the same fields in the
 * same order (a test compares the two).
 */
public final class LineEncoder {

    /** Room kept free for one event line; the longest is about 320 bytes. */
    private static final int LINE_ROOM = 1024;
    private static final int STRING_CACHE_LIMIT = 256;

    private static final byte[] EVENT_TYPE = ascii("{\"event_type\":");
    private static final byte[] PAYLOAD = ascii(",\"payload\":{");
    private static final byte[] SAVED_AT = ascii("},\"saved_at\":\"");
    private static final byte[] TIMESTAMP = ascii("\",\"timestamp\":\"");
    private static final byte[] LINE_END = ascii("\"}\n");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] DIGIT_PAIRS = digitPairs();

    /** Where full buffers go: it takes one with the length used and gives back an empty one to go on with. */
    @FunctionalInterface
    public interface Sink {
        byte[] swap(byte[] full, int length) throws IOException;
    }

    private final Sink sink;
    private byte[] buffer;
    private int position;
    private boolean firstField = true;
    private long bytesWritten;

    private final TimestampFormat savedAt = new TimestampFormat();
    private final TimestampFormat timestamp = new TimestampFormat();
    private final Map<String, byte[]> quoted = new HashMap<>();

    /** Drains into {@code out}, reusing one buffer of {@code bufferBytes} (at least 2 KiB). */
    public LineEncoder(OutputStream out, int bufferBytes) {
        this(new byte[Math.max(bufferBytes, 2 * LINE_ROOM)], (full, length) -> {
            out.write(full, 0, length);
            return full;
        });
    }

    /** Fills {@code buffer} (at least 2 KiB), then the buffers that {@code sink} gives back. */
    public LineEncoder(byte[] buffer, Sink sink) {
        if (buffer.length < 2 * LINE_ROOM) {
            throw new IllegalArgumentException("a buffer of " + buffer.length + " bytes is too small for a line");
        }
        this.buffer = buffer;
        this.sink = sink;
    }

    /** A field name as the encoder writes it: {@code "name":}. */
    public static byte[] name(String name) {
        return ascii("\"" + name + "\":");
    }

    /** Writes one line with its {@code \n}; raw lines byte for byte as they are. */
    public void write(Event event) throws IOException {
        if (event.isRaw()) {
            writeRaw(event.raw().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (buffer.length - position < LINE_ROOM) {
            drain();
        }
        append(EVENT_TYPE);
        number(event.type().code());
        append(PAYLOAD);
        firstField = true;
        event.payload().writeFields(this);
        append(SAVED_AT);
        append(savedAt.ascii(event.savedAt()));
        append(TIMESTAMP);
        append(timestamp.ascii(event.timestamp()));
        append(LINE_END);
    }

    /** Bytes handed to the stream so far plus those still buffered. */
    public long size() {
        return bytesWritten + position;
    }

    /** Hands everything buffered to the stream or sink (a stream is not flushed further). */
    public void drain() throws IOException {
        if (position > 0) {
            final int length = position;
            position = 0;
            buffer = sink.swap(buffer, length);
            bytesWritten += length;
        }
    }

    // ---- what payloads write ----

    /** {@code "name":} (with the comma before it unless it is the payload's first field). */
    public void field(byte[] name) {
        if (firstField) {
            firstField = false;
        } else {
            buffer[position++] = ',';
        }
        append(name);
    }

    public void number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                append(ascii(Long.toString(value)));
                return;
            }
            buffer[position++] = '-';
            value = -value;
        }
        final int end = position + digits(value);
        int at = end;
        // Two digits per division: a long has up to 19 digits, money in cents up to 12.
        while (value >= 100) {
            final int pair = (int) (value % 100);
            value /= 100;
            buffer[--at] = DIGIT_PAIRS[2 * pair + 1];
            buffer[--at] = DIGIT_PAIRS[2 * pair];
        }
        if (value >= 10) {
            buffer[--at] = DIGIT_PAIRS[2 * (int) value + 1];
            buffer[--at] = DIGIT_PAIRS[2 * (int) value];
        } else {
            buffer[--at] = (byte) ('0' + value);
        }
        position = end;
    }

    /** An amount in cents as a number with two decimals: {@code 1999} is {@code 19.99}. */
    public void money(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative amount: " + cents);
        }
        number(cents / 100);
        final int fraction = (int) (cents % 100);
        buffer[position++] = '.';
        buffer[position++] = (byte) ('0' + fraction / 10);
        buffer[position++] = (byte) ('0' + fraction % 10);
    }

    public void bool(boolean value) {
        append(value ? TRUE : FALSE);
    }

    /** A JSON string; the quoted bytes of each distinct string are kept (payload strings are few). */
    public void string(String value) {
        byte[] bytes = quoted.get(value);
        if (bytes == null) {
            bytes = quote(value);
            if (quoted.size() >= STRING_CACHE_LIMIT) {
                quoted.clear();
            }
            quoted.put(value, bytes);
        }
        if (bytes.length > LINE_ROOM / 2) {
            // The room kept for a line must hold the string and every other field.
            throw new IllegalArgumentException("a string of " + bytes.length + " bytes is longer than a line allows");
        }
        append(bytes);
    }

    /** {@code "value"}, escaped as JSON: to keep and write with {@link #quotedString(byte[])}. */
    public static byte[] quote(String value) {
        final byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        final byte[] bytes = new byte[escaped.length + 2];
        bytes[0] = '"';
        System.arraycopy(escaped, 0, bytes, 1, escaped.length);
        bytes[bytes.length - 1] = '"';
        return bytes;
    }

    /** A string quoted beforehand by {@link #quote(String)}. */
    public void quotedString(byte[] quotedBytes) {
        append(quotedBytes);
    }

    // ---- internals ----

    private void writeRaw(byte[] line) throws IOException {
        int from = 0;
        while (line.length - from >= buffer.length - position) {
            final int room = buffer.length - position;
            System.arraycopy(line, from, buffer, position, room);
            position += room;
            from += room;
            drain();
        }
        System.arraycopy(line, from, buffer, position, line.length - from);
        position += line.length - from;
        buffer[position++] = '\n';
    }

    private void append(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private static int digits(long value) {
        int digits = 1;
        long bound = 10;
        while (digits < 19 && value >= bound) {
            digits++;
            bound *= 10;
        }
        return digits;
    }

    /** "00", "01", ... "99", back to back. */
    private static byte[] digitPairs() {
        final byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
