package org.eventingest.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eventingest.core.Event;
import org.eventingest.core.LineEncoder;

/** A line's record: its value is its bytes as the file would hold them, without the newline. Not thread-safe. */
final class RecordValues {

    private byte[] encoded;
    private final LineEncoder encoder = new LineEncoder(new byte[4096], (full, length) -> {
        encoded = Arrays.copyOf(full, length - 1);
        return full;
    });

    byte[] of(Event event) throws IOException {
        if (event.isRaw()) {
            return event.raw().getBytes(StandardCharsets.UTF_8);
        }
        encoder.write(event);
        encoder.drain();
        return encoded;
    }

    /** A truth record (JSON and a newline) as a record value: without the newline. */
    static byte[] strip(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\n' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    /** The record of one line: key {@code shop_id}, partition by the shard rule, headers {@code tick}, {@code line}. */
    static ProducerRecord<byte[], byte[]> event(KafkaConfig config, byte[] value, long shop, byte[] tickHeader,
                                                long number, byte[] worldPartition) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaTickOutput.TICK_HEADER, tickHeader);
        headers.add(KafkaTickOutput.LINE_HEADER, Long.toString(number).getBytes(StandardCharsets.US_ASCII));
        headers.add(KafkaTickOutput.WORLD_PARTITION_HEADER, worldPartition);
        return new ProducerRecord<>(config.topic(), config.partitionOf(shop), null,
                shop > 0 ? Long.toString(shop).getBytes(StandardCharsets.US_ASCII) : null, value, headers);
    }

    /** The tick's truth record ({@code record}: the truth line with its newline), keyed by the transactional id. */
    static ProducerRecord<byte[], byte[]> truth(TopicPartition partition, byte[] key, byte[] record, byte[] tickHeader,
                                                byte[] worldPartition) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaTickOutput.TICK_HEADER, tickHeader);
        headers.add(KafkaTickOutput.WORLD_PARTITION_HEADER, worldPartition);
        return new ProducerRecord<>(partition.topic(), partition.partition(), null, key, strip(record), headers);
    }
}
