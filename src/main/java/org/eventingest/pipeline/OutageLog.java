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
            withFields("down", now, () -> LOG.warn("pipeline-apid unavailable: {}; retrying with backoff, backlog {}",
                    e.getMessage(), queue.backlog()));
        } else if (!now.isBefore(lastSummary.plus(SUMMARY_EVERY))) {
            lastSummary = now;
            withFields("still_down", now, () -> LOG.warn(
                    "pipeline-apid still unavailable after {} s: {} failed calls, backlog {}, oldest {}; "
                            + "last error: {}",
                    Duration.between(downSince, now).toSeconds(), failuresWhileDown, queue.backlog(),
                    queue.oldest().orElse("?"), e.getMessage()));
        }
    }

    /** A call got through. */
    void recovered() {
        if (downSince != null) {
            final Instant now = clock.instant();
            withFields("up", now, () -> LOG.info(
                    "pipeline-apid available again after {} s and {} failed calls; backlog {}",
                    Duration.between(downSince, now).toSeconds(), failuresWhileDown, queue.backlog()));
            downSince = null;
            failuresWhileDown = 0;
        }
    }

    /** Logs {@code line} with the delivery state as log fields (top-level keys in JSON logs). */
    private void withFields(String state, Instant now, Runnable line) {
        MDC.put("pipeline_state", state);
        MDC.put("backlog", Long.toString(queue.backlog()));
        MDC.put("failed_calls", Long.toString(failuresWhileDown));
        MDC.put("down_seconds", Long.toString(Duration.between(downSince, now).toSeconds()));
        try {
            line.run();
        } finally {
            MDC.remove("pipeline_state");
            MDC.remove("backlog");
            MDC.remove("failed_calls");
            MDC.remove("down_seconds");
        }
    }
}
