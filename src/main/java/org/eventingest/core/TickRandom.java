package org.eventingest.core;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of one tick, derived from the configured seed and the tick's boundary: the
 * same seed gives the same tick wherever it falls in a run, and a skipped tick shifts nothing.
 */
public final class TickRandom {

    private final long seed;

    public TickRandom(long seed) {
        this.seed = seed;
    }

    public RandomGenerator forBoundary(Instant boundary) {
        // SplittableRandom mixes its seed well: neighbouring seconds give unrelated streams.
        return new SplittableRandom(seed ^ (boundary.getEpochSecond() * 0x9E3779B97F4A7C15L));
    }
}
