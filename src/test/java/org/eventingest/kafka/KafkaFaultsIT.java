package org.eventingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eventingest.core.CrashPoint;
import org.eventingest.support.JarProcess;
import org.eventingest.support.TopicTicks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jar with {@code output.kind = "kafka"} under faults ({@link KafkaJarRuns}): a SIGKILL in the middle of
 * a 200,000-event tick, the broker stopped and restarted under the ticks, and crash points on both sides of the
 * commit; every time no tick is partial or twice, and the committed ticks replay clean.
 */
class KafkaFaultsIT extends KafkaJarRuns {

    @Test
    void aKillInTheMiddleOfA200000EventTickLeavesNoPartOfItAndTheRestartContinuesTheWorld() throws Exception {
        final String topic = "killed";
        createTopics(topic, 1);
        final Path config = config("killed", topic, "", """
                generation_interval = 4
                events_per_batch = 200000
                max_batch_size = 200000
                batch = "exact"
                """);
        final Process first = start(config, "first.log");
        until(first, "first.log", 120, () -> committedTicks(topic) >= 1);
        // Kill once a tick's records are on the broker and its transaction is still open.
        final Map<String, Object> uncommitted = broker.consumerConfig("watcher");
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> highWater = new KafkaConsumer<>(uncommitted);
             KafkaConsumer<byte[], byte[]> stable = new KafkaConsumer<>(broker.consumerConfig("watcher"))) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < SHARDS + 1; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() ->
                    sum(highWater.endOffsets(partitions)) > sum(stable.endOffsets(partitions)) + 20_000);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        final int before = committedTicks(topic);

        final Process second = start(config, "second.log");
        until(second, "second.log", 120, () -> committedTicks(topic) >= before + 1);
        stop(second);
        final Map<String, TopicTicks.Tick> ticks = assertWholeAndClean(topic);
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(2);
        ticks.values().forEach(tick -> assertThat(tick.lines()).hasSize(200_000));
    }

    @Test
    void aBrokerStoppedAndRestartedUnderTheTicksAbortsThemAndLosesNothing() throws Exception {
        final String topic = "restarted";
        createTopics(topic, 1);
        final Process service = start(config("restarted", topic, "", EVERY_SECOND),
                "restarted.log");
        until(service, "restarted.log", 90, () -> committedTicks(topic) >= 3);
        broker.stop();
        // A tick under way may wait out its deliveries (kafka.transaction_timeout) and its abort (kafka.timeout).
        until(service, "restarted.log", 150, () -> counter("ticks.output_unready")
                + counter("kafka.transactions.aborted") + counter("ticks.in_doubt") >= 2);
        broker.restart();
        final int before = committedTicks(topic);
        until(service, "restarted.log", 120, () -> committedTicks(topic) >= before + 3);
        stop(service);
        assertWholeAndClean(topic);
        assertThat(Files.readString(dir.resolve("restarted.log"), StandardCharsets.UTF_8))
                .contains("skipped").contains("Kafka output ready");
    }

    /**
     * The JVM halted at the second tick, once after its log record is durable but before its transaction commits
     * ({@code state-logged}: the restart must drop it) and once after the commit but before its mark
     * ({@code kafka-committed}: the restart must keep it, from the truth topic); either way the restart goes on
     * with no tick twice, none partial, and a clean replay.
     */
    @ParameterizedTest
    @ValueSource(strings = {"state-logged", "kafka-committed"})
    void aCrashAtTheStepsAroundTheCommitIsDecidedByTheTruthTopic(String point) throws Exception {
        final String topic = "crash-" + point;
        createTopics(topic, 1);
        final Path config = config(point, topic, "", EVERY_SECOND);
        final Process crashing = JarProcess.startServer(config, dir.resolve(point + ".log"),
                List.of("-Devent-ingest.crash-at=" + point + "@2"));
        services.add(crashing);
        assertThat(crashing.waitFor(90, TimeUnit.SECONDS)).as("halted at %s", point).isTrue();
        assertThat(crashing.exitValue()).isEqualTo(CrashPoint.EXIT_CODE);
        final Process restarted = start(config, point + "-again.log");
        until(restarted, point + "-again.log", 90, () -> committedTicks(topic) >= 3);
        stop(restarted);
        final Map<String, TopicTicks.Tick> ticks = assertWholeAndClean(topic);
        // The tick at the crash was logged "published" by neither run: it is on the topic only if it committed.
        final long logged = published(point + ".log") + published(point + "-again.log");
        assertThat(ticks).hasSize((int) logged + (point.equals("kafka-committed") ? 1 : 0));
    }
}
