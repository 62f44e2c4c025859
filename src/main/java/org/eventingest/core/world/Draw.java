package org.eventingest.core.world;

import java.util.random.RandomGenerator;

/**
 * A uniform index below a bound by one multiplication (Lemire's multiply-shift) instead of
 * {@link RandomGenerator#nextInt(int)}'s division and rejection loop: the generator draws several
 * per event, and many more when a world runs low and draws are retried. The bias is below
 * {@code bound / 2^32} (two in a million for 10,000 users): far below anything a test of the data
 * could see.
 */
final class Draw {

    private Draw() {
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    static int below(RandomGenerator random, int bound) {
        return (int) (((random.nextInt() & 0xFFFF_FFFFL) * bound) >>> 32);
    }
}
