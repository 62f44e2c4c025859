package org.eventingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tests' real Kafka broker: transactions, read_committed, and a restart that keeps what was committed. */
class KafkaBrokerIT {

    private static final String TOPIC = "events";
    private static final String TRANSACTIONAL_ID = "kafka-broker-it";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void readCommittedSeesCommittedTransactionsOnlyAndKeepsThemAcrossARestart() throws Exception {
        final List<String> committed = values("committed-", 1_000);
        final List<String> aborted = values("aborted-", 10);
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            broker.createTopic(TOPIC, 3);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(broker))) {
                producer.initTransactions();
                producer.beginTransaction();
                send(producer, committed);
                producer.commitTransaction();
                producer.beginTransaction();
                send(producer, aborted);
                producer.flush();
                producer.abortTransaction();
            }
            final Map<String, Object> uncommitted = broker.consumerConfig("read-uncommitted");
            uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            assertThat(read(broker, uncommitted)).as("the aborted records are in the log").containsAll(aborted)
                    .hasSize(committed.size() + aborted.size());
            assertThat(read(broker, broker.consumerConfig("before-restart")))
                    .containsExactlyInAnyOrderElementsOf(committed);

            broker.restart();
            assertThat(read(broker, broker.consumerConfig("after-restart")))
                    .containsExactlyInAnyOrderElementsOf(committed);
            final List<String> later = values("after-restart-", 10);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(broker))) {
                producer.initTransactions();
                producer.beginTransaction();
                send(producer, later);
                producer.commitTransaction();
            }
            final List<String> all = new ArrayList<>(committed);
            all.addAll(later);
            assertThat(read(broker, broker.consumerConfig("after-new-transaction")))
                    .containsExactlyInAnyOrderElementsOf(all);
        }
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private static Map<String, Object> producerConfig(KafkaBroker broker) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<String> values) {
        for (String value : values) {
            producer.send(new ProducerRecord<>(TOPIC, value.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Every value in the topic as this consumer sees it, once no transaction is open or undecided: polls every
     * partition until its position reaches the partition's end.
     */
    private static List<String> read(KafkaBroker broker, Map<String, Object> config) {
        final Map<TopicPartition, Long> end = broker.awaitSettled(TOPIC);
        final List<TopicPartition> partitions = List.copyOf(end.keySet());
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(System.nanoTime()).as("read up to %s within %s", end, READ_TIMEOUT).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
