package org.eventingest.core;

import java.time.Instant;

/** One generated event: what happened and when; {@code saved_at} is added when it is written. */
public record Event(Payload payload, Instant timestamp) {

    public EventType type() {
        return payload.type();
    }
}
