package org.eventingest.tick;

import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock alignment: tick boundaries are the UTC instants whose epoch second is a multiple of
 * the interval. Pure arithmetic, so that it can be checked for any instant.
 */
public final class TickSchedule {

    private final long intervalSeconds;

    public TickSchedule(Duration interval) {
        if (interval.isNegative() || interval.isZero() || interval.getNano() != 0) {
            throw new IllegalArgumentException("interval must be a positive whole number of seconds: " + interval);
        }
        this.intervalSeconds = interval.getSeconds();
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /** The first boundary strictly after {@code now}. */
    public Instant nextBoundaryAfter(Instant now) {
        final long floor = Math.floorDiv(now.getEpochSecond(), intervalSeconds) * intervalSeconds;
        return Instant.ofEpochSecond(floor + intervalSeconds);
    }

    /** Whether {@code instant} is a boundary. */
    public boolean isBoundary(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), intervalSeconds) == 0;
    }

    /** How many boundaries lie in {@code [from, to)}; both are boundaries. */
    public long boundariesBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / intervalSeconds;
    }
}
