package org.eventingest.core;

import java.time.Instant;

/**
 * One line of an event file: an event (what happened, when, and when it was saved), or a line
 * written as it is ({@code raw}): a copy of an earlier line, or a malformed one. {@code payload}
 * is what a raw line is about, if anything.
 */
public record Event(Payload payload, Instant timestamp, Instant savedAt, String raw) {

    public static Event of(Payload payload, Instant timestamp, Instant savedAt) {
        return new Event(payload, timestamp, savedAt, null);
    }

    /** A line written byte for byte as given (without its newline). */
    public static Event raw(String line, Payload about) {
        return new Event(about, null, null, line);
    }

    public boolean isRaw() {
        return raw != null;
    }

    /** The type, or null for a line about no event (a malformed one). */
    public EventType type() {
        return payload == null ? null : payload.type();
    }
}
