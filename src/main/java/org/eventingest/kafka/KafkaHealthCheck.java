package org.eventingest.kafka;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * {@code kafka}: healthy while the broker answers, both topics exist, the events topic has a
 * partition per shard, and the output has no problem of its own (fenced, a commit in doubt, a
 * state older than the topic). Each check asks the broker, bounded by {@code probe}.
 */
public final class KafkaHealthCheck extends HealthCheck {

    private final KafkaConfig probe;
    private final Supplier<Optional<String>> outputProblem;

    public KafkaHealthCheck(KafkaConfig config, Duration probe, Supplier<Optional<String>> outputProblem) {
        this.probe = new KafkaConfig(config.bootstrapServers(), config.topic(), config.truthTopic(),
                config.transactionalId() + "-health", config.shardsCount(), config.worldPartition(),
                probe.compareTo(config.timeout()) < 0 ? probe : config.timeout(), config.transactionTimeout(),
                config.properties());
        this.outputProblem = outputProblem;
    }

    @Override
    protected Result check() {
        final Optional<String> problem = outputProblem.get();
        if (problem.isPresent()) {
            return Result.unhealthy(problem.get());
        }
        try {
            final int truthPartitions = KafkaTopics.check(probe);
            return Result.healthy("topic " + probe.topic() + " ready for " + probe.shardsCount() + " shards; truth "
                    + probe.truthTopic() + " (" + truthPartitions + " partitions)");
        } catch (KafkaTopics.Unusable e) {
            return Result.unhealthy(e.getMessage());
        } catch (KafkaException e) {
            return Result.unhealthy("Kafka at " + probe.bootstrapServers() + " is not reachable: " + e.getMessage());
        }
    }
}
