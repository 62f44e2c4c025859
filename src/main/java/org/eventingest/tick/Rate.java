package org.eventingest.tick;

import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The generator's rate: events per tick ({@code events_per_batch}, capped by {@code max_batch_size}),
 * the interval and the batch rule. Immutable: {@code set-rate} replaces it whole, in the one
 * {@link java.util.concurrent.atomic.AtomicReference} that the tick loop (for the interval) and the
 * tick job (for the size and the timestamps' spread) both read, so no tick sees half a change.
 */
public record Rate(int eventsPerBatch, int maxBatchSize, Duration interval, BatchSize batch) {

    public Rate {
        if (eventsPerBatch < 1 || maxBatchSize < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("rate out of range: " + eventsPerBatch + " of max " + maxBatchSize
                    + " every " + interval);
        }
    }

    /** One tick's size, drawn by the batch rule. */
    public int tickSize(RandomGenerator random) {
        return batch.size(random, eventsPerBatch, maxBatchSize);
    }

    /** The mean events a second asked for: {@code N} a tick for {@code exact}, {@code (N+1)/2} for {@code uniform}. */
    public double eventsPerSecond() {
        final int max = Math.min(eventsPerBatch, maxBatchSize);
        final double perTick = batch == BatchSize.EXACT ? max : (max + 1) / 2.0;
        return perTick * 1000.0 / interval.toMillis();
    }

    public TickSchedule schedule() {
        return new TickSchedule(interval);
    }

    /** The batch rule's name as the configuration writes it. */
    public String batchName() {
        return batch.name().toLowerCase(Locale.ROOT);
    }

    /** This rate with the given parts changed (null: unchanged). */
    public Rate with(Integer eventsPerBatch, Duration interval, BatchSize batch) {
        return new Rate(eventsPerBatch == null ? this.eventsPerBatch : eventsPerBatch, maxBatchSize,
                interval == null ? this.interval : interval, batch == null ? this.batch : batch);
    }
}
