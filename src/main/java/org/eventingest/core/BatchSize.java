package org.eventingest.core;

import java.util.random.RandomGenerator;

/** A tick's size: uniform in {@code 1..min(events_per_batch, max_batch_size)}. */
public final class BatchSize {

    private BatchSize() {
    }

    public static int draw(RandomGenerator random, int eventsPerBatch, int maxBatchSize) {
        final int max = Math.min(eventsPerBatch, maxBatchSize);
        if (max < 1) {
            throw new IllegalArgumentException("batch maximum must be at least 1: " + max);
        }
        return 1 + random.nextInt(max);
    }
}
