package org.eventingest.pipeline;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th retry waits a uniform random time in
 * {@code [0, min(cap, initial × 2^(n-1))]}, so that many clients do not retry in step.
 */
public final class Backoff {

    private final long initialMillis;
    private final long capMillis;

    public Backoff(Duration initial, Duration cap) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= cap: " + initial + ", " + cap);
        }
        this.initialMillis = initial.toMillis();
        this.capMillis = cap.toMillis();
    }

    /** The upper bound of the wait before retry {@code attempt} (1 for the first retry). */
    public Duration bound(int attempt) {
        final int doublings = Math.min(Math.max(attempt, 1) - 1, 40);
        final long grown = initialMillis << doublings;
        return Duration.ofMillis(grown <= 0 || grown > capMillis ? capMillis : grown);
    }

    /** The wait before retry {@code attempt}. */
    public Duration delay(int attempt, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(bound(attempt).toMillis() + 1));
    }
}
