package org.eventingest.core;

import java.time.Instant;

/**
 * One line of an event file: an event (what happened, when, and when it was saved), or a line
 * written as it is ({@code raw}): a copy of an earlier line, or a malformed one, with the
 * {@code shop_id} its text carries ({@code rawShopId}, 0 for none).
 */
public record Event(Payload payload, Instant timestamp, Instant savedAt, String raw, long rawShopId) {

    public static Event of(Payload payload, Instant timestamp, Instant savedAt) {
        return new Event(payload, timestamp, savedAt, null, 0);
    }

    /** A line written byte for byte as given (without its newline), about the shop {@code shopId} (0: none). */
    public static Event raw(String line, long shopId) {
        return new Event(null, null, null, line, shopId);
    }

    public boolean isRaw() {
        return raw != null;
    }

    /** The type, or null for a line about no event (a copy or a malformed one). */
    public EventType type() {
        return payload == null ? null : payload.type();
    }

    /** The {@code shop_id} of the line, which sharding uses; 0 for a line that carries none. */
    public long shopId() {
        return payload != null ? payload.shopId() : rawShopId;
    }
}
