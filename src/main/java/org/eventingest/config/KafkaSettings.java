package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.validator.constraints.Range;

/**
 * {@code [kafka]}: the broker, the topics and the producer of the Kafka output ({@code output.kind = "kafka"}).
 * {@code [kafka.properties]} passes producer properties through (TLS, SASL, batching), except the
 * ones the output's guarantees rest on.
 */
public class KafkaSettings {

    /** A topic name as Kafka allows it. */
    static final String TOPIC = "[a-zA-Z0-9._-]{1,249}";

    /** What {@code [kafka.properties]} must not set: the transaction, the serialisation and the durability are ours. */
    public static final List<String> OWNED = List.of("bootstrap.servers", "transactional.id", "enable.idempotence",
            "acks", "key.serializer", "value.serializer", "isolation.level", "partitioner.class");

    @JsonProperty("bootstrap_servers")
    private String bootstrapServers = "";

    @Pattern(regexp = "|" + TOPIC, message = "must be a Kafka topic name: 1..249 of a-z A-Z 0-9 . _ -")
    @JsonProperty("topic")
    private String topic = "";

    @Pattern(regexp = "|" + TOPIC, message = "must be a Kafka topic name: 1..249 of a-z A-Z 0-9 . _ -")
    @JsonProperty("truth_topic")
    private String truthTopic = "";

    @Pattern(regexp = "|[\\x21-\\x7e]{1,200}", message = "must be 1..200 printable ASCII characters without spaces")
    @JsonProperty("transactional_id")
    private String transactionalId = "";

    /** Seconds a send, a commit or a metadata request may block before the tick is aborted (or in doubt). */
    @Range(min = 1, max = 300)
    @JsonProperty("timeout")
    private int timeout = 10;

    /** Seconds after which the broker aborts a transaction left open (a crashed instance's). */
    @Range(min = 1, max = 900)
    @JsonProperty("transaction_timeout")
    private int transactionTimeout = 60;

    @NotNull
    @JsonProperty("properties")
    private Map<String, String> properties = new TreeMap<>();

    public Optional<String> getBootstrapServers() {
        return bootstrapServers.isBlank() ? Optional.empty() : Optional.of(bootstrapServers.trim());
    }

    public String getTopic() {
        return topic;
    }

    /** {@code truth_topic}, or {@code <topic>.truth}. */
    public String getTruthTopic() {
        return truthTopic.isEmpty() ? topic + ".truth" : truthTopic;
    }

    /** {@code transactional_id}, or {@code event-ingest-<topic>-<partition>}: one per instance of the world. */
    public String getTransactionalId(int worldPartition) {
        return transactionalId.isEmpty() ? "event-ingest-" + topic + "-" + worldPartition : transactionalId;
    }

    public int getTimeout() {
        return timeout;
    }

    public int getTransactionTimeout() {
        return transactionTimeout;
    }

    public Map<String, String> getProperties() {
        return Map.copyOf(properties);
    }

    @JsonIgnore
    @ValidationMethod(message = "kafka.properties must not set bootstrap.servers, transactional.id, "
            + "enable.idempotence, acks, key.serializer, value.serializer, isolation.level or partitioner.class: the "
            + "Kafka output sets them (kafka.bootstrap_servers, kafka.transactional_id; acks=all, idempotent, "
            + "transactional; partition = shop_id % pipeline.shards_count)")
    public boolean isPropertiesFree() {
        return properties == null
                || properties.keySet().stream().noneMatch(key -> OWNED.contains(key.trim().toLowerCase(Locale.ROOT)));
    }

    @JsonIgnore
    @ValidationMethod(message = "kafka.truth_topic must differ from kafka.topic (the truth records are not events)")
    public boolean isTruthTopicDistinct() {
        return topic.isEmpty() || !getTruthTopic().equals(topic);
    }
}
