package org.eventingest.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What a {@code read_committed} consumer of the Kafka output sees: every record of a topic up to
 * its last stable offset, grouped into ticks by the {@code world_partition} and {@code tick}
 * headers, each tick's lines in the order of their {@code line} header.
 */
public final class TopicTicks {

    /** One record as the consumer got it. */
    public record Line(int number, int partition, String key, String value) {
    }

    /** One tick of one world partition: its lines by number, and the partitions they came from. */
    public record Tick(String worldPartition, String prefix, List<Line> lines) {
        /** The tick as its file would hold it: the lines in order, each with its newline. */
        public String content() {
            final StringBuilder content = new StringBuilder();
            lines.forEach(line -> content.append(line.value()).append('\n'));
            return content.toString();
        }
    }

    private TopicTicks() {
    }

    /**
     * Every tick on {@code topic}, keyed {@code <world partition>/<prefix>} in order; once no transaction is open on
     * it (call when no producer writes it any more).
     */
    public static Map<String, Tick> read(KafkaBroker broker, String topic) {
        final Map<String, List<Line>> lines = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records(broker, topic, true)) {
            final String key = header(record, "world_partition") + "/" + header(record, "tick");
            final String line = header(record, "line");
            lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new Line(line == null ? 0 : Integer.parseInt(line),
                    record.partition(), record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    new String(record.value(), StandardCharsets.UTF_8)));
        }
        final Map<String, Tick> ticks = new TreeMap<>();
        lines.forEach((key, list) -> {
            list.sort((a, b) -> Integer.compare(a.number(), b.number()));
            final int slash = key.indexOf('/');
            ticks.put(key, new Tick(key.substring(0, slash), key.substring(slash + 1), List.copyOf(list)));
        });
        return ticks;
    }

    /**
     * Every committed record of {@code topic} up to the last stable offsets; with {@code settled}, once no
     * transaction is open on it (a commit's markers are written after the producer's commit returned).
     */
    public static List<ConsumerRecord<byte[], byte[]>> records(KafkaBroker broker, String topic, boolean settled) {
        if (settled) {
            broker.awaitSettled(topic);
        }
        final List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.consumerConfig("test-reader"))) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            final Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to " + end + " in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        all.add(record);
                    }
                }
            }
        }
        return all;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
