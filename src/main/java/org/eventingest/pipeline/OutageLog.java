package org.eventingest.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the logs say of pipeline-apid's outages, quietly: one WARN when it becomes unavailable, a
 * summary a minute while it stays so, one INFO when it is back. Each line carries the delivery state
 * as fields ({@code pipeline_state}, {@code backlog}, {@code failed_calls}, {@code down_seconds}).
 * Used by the sender thread only.
 */
final class OutageLog {

    /** Logged under the delivery's name, where operators look for it. */
    private static final Logger LOG = LoggerFactory.getLogger(PipelineDelivery.class);
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final DeliveryQueue queue;
    private Instant downSince;
    private Instant lastSummary;
    private long failuresWhileDown;

    OutageLog(Clock clock, DeliveryQueue queue) {
        this.clock = clock;
        this.queue = queue;
    }

    /** A call failed and will be retried. */
    void failed(PipelineException e) {
        final Instant now = clock.instant();
        failuresWhileDown++;
        if (downSince == null) {
            downSince = now;
            lastSummary = now;
            try (Fields fields = fields("down", now)) {
                LOG.warn("pipeline-apid unavailable: {}; retrying with backoff, backlog {}", e.getMessage(), queue.backlog());
            }
        } else if (!now.isBefore(lastSummary.plus(SUMMARY_EVERY))) {
            lastSummary = now;
            try (Fields fields = fields("still_down", now)) {
                LOG.warn("pipeline-apid still unavailable after {} s: {} failed calls, backlog {}, oldest {}; last error: {}",
                        Duration.between(downSince, now).toSeconds(), failuresWhileDown, queue.backlog(),
                        queue.oldest().orElse("?"), e.getMessage());
            }
        }
    }

    /** A call got through. */
    void recovered() {
        if (downSince != null) {
            try (Fields fields = fields("up", clock.instant())) {
                LOG.info("pipeline-apid available again after {} s and {} failed calls; backlog {}",
                        Duration.between(downSince, clock.instant()).toSeconds(), failuresWhileDown, queue.backlog());
            }
            downSince = null;
            failuresWhileDown = 0;
        }
    }

    /** The delivery state as log fields (top-level keys in JSON logs). */
    private interface Fields extends AutoCloseable {
        @Override
        void close();
    }

    private Fields fields(String state, Instant now) {
        final var a = MDC.putCloseable("pipeline_state", state);
        final var b = MDC.putCloseable("backlog", Long.toString(queue.backlog()));
        final var c = MDC.putCloseable("failed_calls", Long.toString(failuresWhileDown));
        final var d = MDC.putCloseable("down_seconds", Long.toString(Duration.between(downSince, now).toSeconds()));
        return () -> {
            a.close();
            b.close();
            c.close();
            d.close();
        };
    }
}
