package org.eventingest.config;

import java.time.Duration;

/**
 * How {@code server.shutdown_grace_period} (G) is shared on TERM, so that the whole stop fits in
 * it. Jetty first stops accepting and waits for the requests in flight, then stops the managed
 * objects one after the other (the generator before the sender):
 *
 * <pre>
 *   requests in flight (Jetty's graceful stop)   G / 4
 *   the tick in progress (the generator)         G / 2
 *   the delivery drain and the sender's stop     G / 4   (drain: min(pipeline.drain_timeout, G / 4 - 1 s))
 *   ------------------------------------------------------
 *   worst case                                   G
 * </pre>
 *
 * With the default G = 30 s: 7.5 s + 15 s + 7.5 s. {@code tick-now} waits at most as long as a
 * stop waits for a tick, and the pipeline health check's probe at most {@code pipeline.timeout}
 * and G / 4 (but at least 1 s). The managed thread pools wait 1 s at most for their threads to end.
 */
public record StopBudget(Duration requests, Duration tick, Duration delivery) {

    /** The sender's own stop after the drain: what is left of the delivery share for the thread to end. */
    public static final Duration SENDER_STOP = Duration.ofSeconds(1);

    public static StopBudget of(int gracePeriodSeconds) {
        final Duration grace = Duration.ofSeconds(gracePeriodSeconds);
        final Duration quarter = grace.dividedBy(4);
        return new StopBudget(quarter, grace.dividedBy(2), quarter);
    }

    /** The drain the sender may take: the configured one, within the delivery share less the sender's stop. */
    public Duration drain(Duration configured) {
        final Duration room = delivery.minus(SENDER_STOP);
        if (room.isNegative()) {
            return Duration.ZERO;
        }
        return configured.compareTo(room) < 0 ? configured : room;
    }

    /** The health probe's call timeout, in whole seconds (at least 1). */
    public int probeSeconds(int pipelineTimeout) {
        return (int) Math.max(1, Math.min(pipelineTimeout, delivery.toSeconds()));
    }
}
