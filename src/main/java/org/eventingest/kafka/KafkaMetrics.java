package org.eventingest.kafka;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/** The Kafka output's metrics: transactions committed and aborted, commit latency, records and bytes, connects. */
record KafkaMetrics(Counter committed, Counter aborted, Counter connectFailures, Meter records, Meter bytes,
                    Timer commit) {

    KafkaMetrics(MetricRegistry metrics) {
        this(metrics.counter("kafka.transactions.committed"), metrics.counter("kafka.transactions.aborted"),
                metrics.counter("kafka.connect_failures"), metrics.meter("kafka.records"), metrics.meter("kafka.bytes"),
                metrics.timer("kafka.commit"));
    }
}
