package org.eventingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads this instance's truth records back from its partition of the truth topic, as a
 * {@code read_committed} consumer sees them: the ticks that were committed. Read from the end
 * backwards, a window at a time, so that a long topic costs what the answer needs.
 */
final class TruthTopic {

    private static final int FIRST_WINDOW = 64;
    private static final Duration DECIDED_POLL = Duration.ofMillis(50);

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> uncommittedConfig;
    private final TopicPartition partition;
    private final byte[] key;
    private final Duration timeout;

    TruthTopic(Map<String, Object> clientConfig, TopicPartition partition, String key, Duration timeout) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.consumerConfig = Map.copyOf(config);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        this.uncommittedConfig = Map.copyOf(config);
        this.partition = partition;
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.timeout = timeout;
    }

    TopicPartition partition() {
        return partition;
    }

    /** The newest tick of this instance on the topic, if any. */
    Optional<String> newest() {
        final SortedSet<String> found = ticksBackTo(null);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.last());
    }

    /**
     * The ticks of this instance on the topic from the newest back to {@code oldest} (or to the
     * newest one alone when {@code oldest} is null), in name order, among the records written before the call.
     *
     * @throws TimeoutException if the broker does not answer in time, or a transaction before the end stays open
     */
    SortedSet<String> ticksBackTo(String oldest) {
        final SortedSet<String> ticks = new TreeSet<>();
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
        try {
            consumer.assign(List.of(partition));
            final long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            long end = decidedEnd(consumer);
            long window = FIRST_WINDOW;
            while (end > begin) {
                final long from = Math.max(begin, end - window);
                final SortedSet<String> inWindow = read(consumer, from, end);
                ticks.addAll(inWindow);
                if (!inWindow.isEmpty() && (oldest == null || inWindow.first().compareTo(oldest) < 0)) {
                    break;
                }
                end = from;
                window *= 4;
            }
        } finally {
            consumer.close(CloseOptions.timeout(timeout)); // close() alone may wait 30 s for a broker that is gone
        }
        return ticks;
    }

    /**
     * The partition's end once every record before it is decided. Under read_committed a partition ends at its last
     * stable offset, the first record of the oldest transaction still open: another instance's transaction on a
     * shared partition, or one whose markers are still being written, would hide this instance's committed ticks
     * after it, and a tick not found would be taken for one not committed.
     *
     * @throws Undecided if a transaction before the end is still open after {@code timeout}
     */
    private long decidedEnd(KafkaConsumer<byte[], byte[]> consumer) {
        final long written;
        final KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(uncommittedConfig);
        try {
            written = uncommitted.endOffsets(List.of(partition)).get(partition);
        } finally {
            uncommitted.close(CloseOptions.timeout(timeout));
        }
        final Instant deadline = Instant.now().plus(timeout);
        long stable;
        while ((stable = consumer.endOffsets(List.of(partition)).get(partition)) < written) {
            if (Instant.now().isAfter(deadline)) {
                throw new Undecided("a transaction open on " + partition + " at offset " + stable + " (below "
                        + written + ") is still undecided after " + timeout.toSeconds() + " s: another instance's, "
                        + "or one the broker has not finished; whether a tick was committed cannot be told yet");
            }
            try {
                Thread.sleep(DECIDED_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
        return written;
    }

    private SortedSet<String> read(KafkaConsumer<byte[], byte[]> consumer, long from, long end) {
        final SortedSet<String> ticks = new TreeSet<>();
        consumer.seek(partition, from);
        final Instant deadline = Instant.now().plus(timeout);
        while (consumer.position(partition) < end) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("reading " + partition + " from offset " + from + " to " + end
                        + " took more than " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end && Arrays.equals(record.key(), key)) {
                    final Header tick = record.headers().lastHeader(KafkaTickOutput.TICK_HEADER);
                    if (tick != null) {
                        ticks.add(new String(tick.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return ticks;
    }

    /** A transaction before the partition's end stays open: the broker answers, but cannot tell yet. */
    static final class Undecided extends TimeoutException {
        private static final long serialVersionUID = 1L;

        Undecided(String message) {
            super(message);
        }
    }

    /** Why an instance must not go on when its partition holds a tick newer than the state's newest. */
    String newerThanTheState(String onTopic, Optional<String> logged) {
        return "the truth topic " + partition + " holds tick " + onTopic + " of " + new String(key,
                StandardCharsets.UTF_8) + ", newer than the state's last tick " + logged.orElse("(none)")
                + " (a state restored from a backup, or removed): continuing would issue its order ids again; "
                + "restore the state, or give this world a new kafka.topic or kafka.transactional_id";
    }
}
