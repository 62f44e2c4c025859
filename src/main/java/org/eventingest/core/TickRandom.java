package org.eventingest.core;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of one tick, derived from the configured seed, the instance's partition of the
 * world and the tick's boundary: the same seed gives the same tick wherever it falls in a run, and a
 * skipped tick shifts nothing. Partition 0 draws the streams of the unpartitioned world (so that a
 * world of one partition is exactly the one before partitions existed); the others mix a constant of
 * their own into the seed, so that instances with one configuration draw unrelated streams. That
 * partition 0 of N shares its streams with the unpartitioned world of the same seed does not matter:
 * it is a different world (other shops, users and prices), so the same draws give other events.
 */
public final class TickRandom {

    private final long seed;

    /** The streams of the unpartitioned world (partition 0). */
    public TickRandom(long seed) {
        this(seed, 0);
    }

    public TickRandom(long seed, int partition) {
        this.seed = seed ^ partitionSalt(partition);
    }

    public RandomGenerator forBoundary(Instant boundary) {
        // SplittableRandom mixes its seed well: neighbouring seconds give unrelated streams.
        return new SplittableRandom(seed ^ (boundary.getEpochSecond() * 0x9E3779B97F4A7C15L));
    }

    /**
     * What partition {@code partition} mixes into a seed: 0 for partition 0, else a well-spread 64-bit
     * constant (SplitMix64's finalizer of the partition times the golden gamma), so that no two partitions'
     * seeds differ by a pattern that the tick term could repeat.
     */
    public static long partitionSalt(int partition) {
        if (partition == 0) {
            return 0;
        }
        long z = partition * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
