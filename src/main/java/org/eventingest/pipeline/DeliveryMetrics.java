package org.eventingest.pipeline;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eventingest.core.EventFileName;
import org.eventingest.metrics.Reading;

/**
 * The delivery's metrics. Counters: {@code pipeline.calls.<call>.<outcome>} for each call and
 * outcome, {@code pipeline.calls.done.lost_rows}, {@code pipeline.retries}, {@code pipeline.parked_total};
 * gauges read from the queue: {@code pipeline.backlog}, {@code pipeline.parked},
 * {@code pipeline.oldest_unannounced_seconds}. The names are part of the service's surface (the
 * Prometheus mapping, the dashboard, the docs).
 */
final class DeliveryMetrics {

    /** The two calls of the contract. */
    enum Call {
        REGISTER("register"), DONE("done");

        private final String metricName;

        Call(String metricName) {
            this.metricName = metricName;
        }
    }

    /** How a call ended. */
    enum Outcome {
        /** The contract's answer. */
        OK("ok"),
        /** No answer, or one worth retrying. */
        FAILED("failed"),
        /** An answer that parks the file. */
        REJECTED("rejected");

        private final String metricName;

        Outcome(String metricName) {
            this.metricName = metricName;
        }
    }

    private final Map<Call, Map<Outcome, Counter>> calls = new EnumMap<>(Call.class);
    private final Counter retries;
    private final Counter lostRows;
    private final Counter parkedTotal;

    DeliveryMetrics(MetricRegistry metrics, DeliveryQueue queue, Clock clock) {
        for (Call call : Call.values()) {
            final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, metrics.counter("pipeline.calls." + call.metricName + "." + outcome.metricName));
            }
            calls.put(call, outcomes);
        }
        this.retries = metrics.counter("pipeline.retries");
        this.lostRows = metrics.counter("pipeline.calls.done.lost_rows");
        this.parkedTotal = metrics.counter("pipeline.parked_total");
        metrics.register("pipeline.backlog", new Reading<Long>(queue::backlog));
        metrics.register("pipeline.parked", new Reading<Integer>(() -> queue.parked().size()));
        metrics.register("pipeline.oldest_unannounced_seconds", new Reading<Long>(() -> queue.oldest()
                .map(prefix -> Duration.between(EventFileName.ofPrefix(prefix).instant(), clock.instant()))
                .map(Duration::toSeconds).orElse(0L)));
    }

    void call(Call call, Outcome outcome) {
        calls.get(call).get(outcome).inc();
    }

    void retry() {
        retries.inc();
    }

    /** A done that updated no rows: pipeline-apid lost the file. */
    void lostRows() {
        lostRows.inc();
    }

    void parked() {
        parkedTotal.inc();
    }

    /** Calls made, whatever their outcome. */
    long callsSent() {
        return calls.values().stream().flatMap(outcomes -> outcomes.values().stream())
                .mapToLong(Counter::getCount).sum();
    }

    /** Calls that did not get the contract's answer (failed or rejected). */
    long callsFailed() {
        return calls.values().stream().flatMap(outcomes -> outcomes.entrySet().stream())
                .filter(entry -> entry.getKey() != Outcome.OK)
                .mapToLong(entry -> entry.getValue().getCount()).sum();
    }
}
