package org.eventingest.tick;

import java.time.Instant;
import java.util.Optional;

/** What the tick loop reports (stats, health): one read of its state, not a getter per field. */
public record LoopStatus(boolean alive, boolean paused, Rate rate, Optional<Instant> last, Optional<Instant> next,
                         long run, long skipped, long pausedTicks, long failed) {
}
