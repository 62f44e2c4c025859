package org.eventingest.tick;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A tick's size ({@code [events] batch}): {@code uniform}, uniform in
 * {@code 1..min(events_per_batch, max_batch_size)} (the original specification's rule, a mean of
 * (N+1)/2), or {@code exact}, always {@code min(events_per_batch, max_batch_size)}.
 */
public enum BatchSize {

    UNIFORM, EXACT;

    /** The rule a {@code batch} key names. */
    public static BatchSize named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public int size(RandomGenerator random, int eventsPerBatch, int maxBatchSize) {
        final int max = Math.min(eventsPerBatch, maxBatchSize);
        if (max < 1) {
            throw new IllegalArgumentException("batch maximum must be at least 1: " + max);
        }
        return this == EXACT ? max : 1 + random.nextInt(max);
    }

    /** The {@code uniform} rule's draw. */
    public static int draw(RandomGenerator random, int eventsPerBatch, int maxBatchSize) {
        return UNIFORM.size(random, eventsPerBatch, maxBatchSize);
    }
}
