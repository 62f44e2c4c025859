package org.eventingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eventingest.config.KafkaSettings;

/**
 * What the Kafka output is given: the settings of {@code [kafka]}, the shard count of the
 * partition rule and this instance's world partition, turned into client properties.
 *
 * @param properties the pass-through {@code [kafka.properties]}, applied to every client (TLS, SASL, tuning)
 */
public record KafkaConfig(String bootstrapServers, String topic, String truthTopic, String transactionalId,
                          int shardsCount, int worldPartition, Duration timeout, Duration transactionTimeout,
                          Map<String, String> properties) {

    public KafkaConfig {
        properties = Map.copyOf(properties);
    }

    public static KafkaConfig of(KafkaSettings kafka, int shardsCount, int worldPartition) {
        return new KafkaConfig(kafka.getBootstrapServers().orElseThrow(), kafka.getTopic(), kafka.getTruthTopic(),
                kafka.getTransactionalId(worldPartition), shardsCount, worldPartition,
                Duration.ofSeconds(kafka.getTimeout()), Duration.ofSeconds(kafka.getTransactionTimeout()),
                kafka.getProperties());
    }

    /** The pipeline's shard rule: the Kafka partition of a line is its shop's shard. */
    public int partitionOf(long shopId) {
        return (int) Math.floorMod(shopId, (long) shardsCount);
    }

    /** This instance's partition of a truth topic of {@code partitions} partitions. */
    TopicPartition truthPartition(int partitions) {
        return new TopicPartition(truthTopic, worldPartition % partitions);
    }

    /** What every client (producer, consumer, admin) is given: the servers and the pass-through properties. */
    public Map<String, Object> clientProperties() {
        final Map<String, Object> config = new HashMap<>(properties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, transactionalId);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return config;
    }

    /**
     * The transactional producer: idempotent, {@code acks=all}, every blocking call bounded by
     * {@code kafka.timeout}, a record's delivery by {@code kafka.transaction_timeout}. Batching defaults suit ticks
     * of many records; {@code [kafka.properties]} may change them.
     */
    public Map<String, Object> producerProperties() {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putAll(clientProperties());
        config.remove(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        final int timeoutMs = (int) timeout.toMillis();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // A record must be acknowledged while its transaction can still commit; a large tick's last batches wait
        // their turn in the producer's buffer, so the bound is the transaction's, not one call's.
        final int linger = Integer.parseInt(config.get(ProducerConfig.LINGER_MS_CONFIG).toString());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Math.max((int) transactionTimeout.toMillis(), timeoutMs + linger));
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
