package org.eventingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
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

    private static final int KILLS = 6;
    private static final long KILL_SEED = 14;

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
        try (OpenTransactions open = new OpenTransactions(topic)) {
            open.await(120, 20_000);
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
        // The tick the outage broke was aborted; the next were skipped while no producer could connect, and one did.
        final String log = Files.readString(dir.resolve("restarted.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("tick aborted").contains("skipped: Kafka at ");
        assertThat(log.split("Kafka output ready", -1)).as("connected at the start and after the outage")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    /**
     * The JVM halted at the second tick at each step of its transaction: once its first record is sent
     * ({@code kafka-first-sent}), once its log record is durable ({@code state-logged}), once its truth record is
     * sent ({@code kafka-truth-sent}): each before the commit, so the restart must drop it; and once after the commit
     * but before its mark ({@code kafka-committed}: the restart must keep it, from the truth topic). Every time the
     * restart goes on with no tick twice, none partial, and a clean replay.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kafka-first-sent", "state-logged", "kafka-truth-sent", "kafka-committed"})
    void aCrashAtTheStepsAroundTheCommitIsDecidedByTheTruthTopic(String point) throws Exception {
        final String topic = "crash-" + point;
        createTopics(topic, 1);
        final Path config = config(point, topic, "", EVERY_SECOND);
        final Process crashing = JarProcess.startServer(config, dir.resolve(point + ".log"),
                List.of("-Devent-ingest.crash-at=" + point + "@2"));
        services.add(crashing);
        assertThat(crashing.waitFor(90, TimeUnit.SECONDS)).as("halted at %s", point).isTrue();
        assertThat(crashing.exitValue()).isEqualTo(CrashPoint.EXIT_CODE);
        final int before = committedTicks(topic);
        final Process restarted = start(config, point + "-again.log");
        until(restarted, point + "-again.log", 90, () -> committedTicks(topic) >= before + 1
                && published(point + "-again.log") >= 1);
        stop(restarted);
        final Map<String, TopicTicks.Tick> ticks = assertWholeAndClean(topic);
        // The tick at the crash was logged "published" by neither run: it is on the topic only if it committed.
        final long logged = published(point + ".log") + published(point + "-again.log");
        assertThat(ticks).hasSize((int) logged + (point.equals("kafka-committed") ? 1 : 0));
    }

    /**
     * The jar killed with SIGKILL again and again under one-second ticks of 60,000 events: every other kill after a
     * seeded random 0..1.5 s, the others aimed at a tick's transaction with records on the broker (at least two of
     * the three checked after the kill to have cut one: its records still past the last stable offset). Restarted each
     * time, then once more and stopped with TERM: every tick on the topic is whole and once, and all of them replay
     * clean (no order id issued twice, no invariant broken) as one world.
     */
    @Test
    void aServerKilledAgainAndAgainLeavesEveryTickWholeAndOnceAndOneCoherentWorld() throws Exception {
        final String topic = "kill-loop";
        createTopics(topic, 1);
        final Path config = config("kill-loop", topic, "", """
                generation_interval = 1
                events_per_batch = 60000
                max_batch_size = 60000
                batch = "exact"
                """);
        final Random random = new Random(KILL_SEED);
        final List<String> kills = new ArrayList<>();
        final Set<String> inFlight = new TreeSet<>();
        int hits = 0;
        for (int run = 0; run < KILLS; run++) {
            final int before = committedTicks(topic);
            final String log = "kill-" + run + ".log";
            final Process service = start(config, log);
            until(service, log, 90, () -> committedTicks(topic) >= before + 1);
            try (OpenTransactions open = new OpenTransactions(topic)) {
                final boolean aimed = run % 2 == 1;
                final int delay = aimed ? 0 : random.nextInt(1500);
                if (aimed) {
                    open.await(60, 10_000); // well into a tick: most of it is still to send and commit
                } else {
                    Thread.sleep(delay);
                }
                service.destroyForcibly();
                assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("kill %d", run).isTrue();
                // A dead producer's transaction stays open (until the restart fences it): its records are still there.
                final Set<String> cut = open.ticksInFlight();
                hits += aimed && !cut.isEmpty() ? 1 : 0;
                inFlight.addAll(cut);
                kills.add((aimed ? "aimed" : "+" + delay + " ms") + (cut.isEmpty() ? "" : " in tick " + cut));
            }
        }
        // A kill lands a moment after its aim; on a loaded machine one tick may commit in that moment.
        assertThat(hits).as("aimed kills that cut an open transaction: %s", kills)
                .isGreaterThanOrEqualTo(KILLS / 2 - 1);
        final int before = committedTicks(topic);
        final Process last = start(config, "last.log");
        until(last, "last.log", 90, () -> committedTicks(topic) >= before + 2);
        stop(last);
        final Map<String, TopicTicks.Tick> ticks = assertWholeAndClean(topic);
        // A kill after the commit was asked for but before its markers: the broker finishes that commit, so a tick in
        // flight at a kill may be on the topic, whole as every tick is (the restart keeps it, from the truth topic).
        final long kept = inFlight.stream().filter(tick -> ticks.containsKey("0/" + tick)).count();
        System.out.printf("KafkaFaultsIT kill loop: %d kills (%s); %d ticks, %d lines replayed clean; of the %d "
                + "ticks in flight at a kill, %d committed%n", kills.size(), String.join(", ", kills), ticks.size(),
                ticks.values().stream().mapToInt(t -> t.lines().size()).sum(), inFlight.size(), kept);
    }

    /**
     * The broker SIGKILLed while a tick's transaction is open, the service stopped, the broker restarted at once.
     * Until its old session expires, the restarted node cannot lead its partitions, and the coordinator ending the
     * dead transaction skips them: that tick's records stay open there, and the same producer's next commit would
     * publish them (a part of an aborted tick, with no truth record). The restarted output must refuse to commit over
     * them, and say where they are and how to end them; ended as it says (here by this test, as an operator would),
     * the ticks go on, whole and clean.
     */
    @Test
    void aBrokerKilledMidTickAndRestartedAtOncePublishesNoPartOfThatTick() throws Exception {
        final String topic = "broker-killed";
        createTopics(topic, 1);
        final Path config = config("broker-killed", topic, "", """
                generation_interval = 1
                events_per_batch = 60000
                max_batch_size = 60000
                batch = "exact"
                """);
        final Process first = start(config, "broker-killed.log");
        until(first, "broker-killed.log", 90, () -> committedTicks(topic) >= 1);
        try (OpenTransactions open = new OpenTransactions(topic)) {
            open.await(60, 3_000);
        }
        broker.kill();
        // The service stopped while the broker is gone: its producer ends with the tick's transaction still open.
        Thread.sleep(300);
        stop(first);
        broker.restart();
        final int before = committedTicks(topic);
        final List<String> ended = new ArrayList<>();
        final Process service = start(config, "broker-killed-again.log");
        until(service, "broker-killed-again.log", 120, () -> {
            try {
                final String ready = get("http://127.0.0.1:" + appPort + "/ready").body();
                if (ready.contains("is left open after its coordinator")) {
                    ended.addAll(abortLeftOpen(topic, ready));
                }
            } catch (IOException notYetListening) {
                return false;
            }
            return committedTicks(topic) >= before + 2;
        });
        stop(service);
        System.out.printf("KafkaFaultsIT broker killed mid-tick: transactions left open and ended: %s%n", ended);
        assertWholeAndClean(topic);
    }

    /**
     * What an operator does with the kafka-transactions.sh abort that {@code ready} names: ends those transactions,
     * and no other (a tick under way once they are ended starts at a later offset).
     */
    private static List<String> abortLeftOpen(String topic, String ready) throws Exception {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < SHARDS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        partitions.add(new TopicPartition(topic + ".truth", 0));
        final List<String> ended = new ArrayList<>();
        for (Map.Entry<TopicPartition, DescribeProducersResult.PartitionProducerState> partition
                : broker.admin().describeProducers(partitions).all().get(30, TimeUnit.SECONDS).entrySet()) {
            for (ProducerState producer : partition.getValue().activeProducers()) {
                if (producer.currentTransactionStartOffset().isPresent() && ready.contains("--topic "
                        + partition.getKey().topic() + " --partition " + partition.getKey().partition()
                        + " --start-offset " + producer.currentTransactionStartOffset().getAsLong())) {
                    broker.admin().abortTransaction(new AbortTransactionSpec(partition.getKey(), producer.producerId(),
                            (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1)))
                            .all().get(30, TimeUnit.SECONDS);
                    ended.add(partition.getKey() + "@" + producer.currentTransactionStartOffset().getAsLong());
                }
            }
        }
        return ended;
    }

    /** Watches the records of a topic that are on the broker in a transaction still open. */
    private static final class OpenTransactions implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> highWater;
        private final KafkaConsumer<byte[], byte[]> stable = new KafkaConsumer<>(broker.consumerConfig("watcher"));
        private final List<TopicPartition> partitions = new ArrayList<>();

        OpenTransactions(String topic) {
            final Map<String, Object> uncommitted = broker.consumerConfig("watcher");
            uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            highWater = new KafkaConsumer<>(uncommitted);
            for (int p = 0; p < SHARDS + 1; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }

        /** The ticks of the records past the last stable offsets: in a transaction still open. */
        Set<String> ticksInFlight() {
            final Map<TopicPartition, Long> ends = highWater.endOffsets(partitions);
            highWater.assign(partitions);
            stable.endOffsets(partitions).forEach(highWater::seek);
            final Set<String> ticks = new TreeSet<>();
            for (int polls = 0; polls < 100 && partitions.stream()
                    .anyMatch(p -> highWater.position(p) < ends.get(p)); polls++) {
                highWater.poll(Duration.ofMillis(100)).forEach(record -> ticks.add(TopicTicks.header(record, "tick")));
            }
            return ticks;
        }

        /** Waits until more than {@code records} are open: the high watermark that far past the last stable offset. */
        void await(int seconds, long records) {
            Awaitility.await().atMost(seconds, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() ->
                    sum(highWater.endOffsets(partitions)) > sum(stable.endOffsets(partitions)) + records);
        }

        @Override
        public void close() {
            highWater.close();
            stable.close();
        }
    }
}
