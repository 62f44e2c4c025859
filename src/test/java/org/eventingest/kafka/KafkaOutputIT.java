package org.eventingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.eventingest.core.CrashPoint;
import org.eventingest.core.world.Replays;
import org.eventingest.support.JarProcess;
import org.eventingest.support.KafkaBroker;
import org.eventingest.support.TopicTicks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jar with {@code output.kind = "kafka"} against a real single-node broker (KRaft, in
 * a forked JVM on loopback), read back as a {@code read_committed} consumer would: every tick whole
 * (its line count is its truth record's), each line once in the partition of its shop's shard, and
 * the committed ticks replay clean from an empty world, across a SIGKILL in the middle of a
 * 200,000-event tick, a broker stopped and restarted under the ticks, and two world partitions.
 */
class KafkaOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STARTING_BALANCE_CENTS = 1_000_000;
    private static final int SHARDS = 3;
    private static final String EVERY_SECOND = "generation_interval = 1\nevents_per_batch = 300";

    @TempDir
    static Path brokerDir;
    private static KafkaBroker broker;

    @TempDir
    Path dir;
    private final List<Process> services = new ArrayList<>();
    private int adminPort;
    private int appPort;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    /** {@code events}: the [events] keys beyond the seed, one of them {@code generation_interval}. */
    private Path config(String name, String topic, String world, String events) throws IOException {
        adminPort = JarProcess.freePort();
        appPort = JarProcess.freePort();
        final Path config = dir.resolve(name + ".toml");
        Files.writeString(config, """
                [server]
                host = "127.0.0.1"
                port = %d
                shutdown_grace_period = 20
                [admin]
                port = %d
                [events]
                seed = 11
                %s
                [world]
                shops = 40
                goods = 30
                users = 400
                starting_balance = 10000.00
                %s
                [logging]
                format = "text"
                [pipeline]
                shards_count = %d
                [storage]
                shared_dir = "%s"
                [output]
                kind = "kafka"
                [kafka]
                bootstrap_servers = "%s"
                topic = "%s"
                timeout = 5
                transaction_timeout = 15
                """.formatted(appPort, adminPort, events, world, SHARDS, dir.resolve(name),
                broker.bootstrap(), topic));
        return config;
    }

    /** Waits for {@code condition}; when it times out or the service ends, fails with the tail of its log. */
    private void until(Process service, String log, int seconds, Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(seconds, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service ended with exit code " + service.exitValue());
                }
                return condition.call();
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            // The service's own lines, not the request log of the test's polling.
            final List<String> lines = Files.readAllLines(dir.resolve(log), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith("127.0.0.1 - -")).toList();
            throw new AssertionError(e.getMessage() + "; the service's log ends:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                    + "\nits generator thread:\n" + generatorThread(), e);
        }
    }

    /** The generator thread's stack, from the admin port's thread dump (where a tick hangs, if it does). */
    private String generatorThread() {
        try {
            final String dump = get("http://127.0.0.1:" + adminPort + "/threads").body();
            final int at = dump.indexOf("\"generator-");
            return at < 0 ? "(none in the dump)" : dump.substring(at, Math.max(at, dump.indexOf("\n\n", at)));
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private Process start(Path config, String log) throws IOException {
        final Process service = JarProcess.startServer(config, dir.resolve(log));
        services.add(service);
        return service;
    }

    private static void stop(Process service) throws InterruptedException {
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped in 60 s").isTrue();
    }

    /** The truth records on {@code truthTopic}, keyed {@code <world partition>/<prefix>}. */
    private static Map<String, JsonNode> truths(String truthTopic) throws IOException {
        return truths(truthTopic, false);
    }

    /** As {@link #truths(String)}; {@code settled}: once no transaction is open on it (no producer left). */
    private static Map<String, JsonNode> truths(String truthTopic, boolean settled) throws IOException {
        final Map<String, JsonNode> truths = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicTicks.records(broker, truthTopic, settled)) {
            final String key = TopicTicks.header(record, "world_partition") + "/" + TopicTicks.header(record, "tick");
            assertThat(truths.put(key, JSON.readTree(record.value()))).as("one truth record for %s", key).isNull();
        }
        return truths;
    }

    /**
     * Asserts that every tick on {@code topic} is whole and as its truth record says, and that the ticks replay
     * clean (or with exactly the labelled malformed lines) in name order.
     *
     * @return the ticks, keyed {@code <world partition>/<prefix>}
     */
    private static Map<String, TopicTicks.Tick> assertWholeAndClean(String topic) throws IOException {
        final Map<String, TopicTicks.Tick> ticks = TopicTicks.read(broker, topic);
        final Map<String, JsonNode> truths = truths(topic + ".truth", true);
        assertThat(ticks.keySet()).as("ticks with lines are the ticks with a truth record").isEqualTo(truths.keySet());
        final Set<String> labelled = new TreeSet<>();
        for (TopicTicks.Tick tick : ticks.values()) {
            final JsonNode truth = truths.get(tick.worldPartition() + "/" + tick.prefix());
            assertThat(tick.lines()).as("lines of %s", tick.prefix()).hasSize(truth.get("lines").asInt());
            final Map<Integer, Integer> byPartition = new TreeMap<>();
            for (int i = 0; i < tick.lines().size(); i++) {
                final TopicTicks.Line line = tick.lines().get(i);
                assertThat(line.number()).as("line numbers of %s", tick.prefix()).isEqualTo(i + 1);
                assertThat(line.value()).contains("\"shop_id\":" + line.key());
                assertThat(line.partition()).as("shop_id %s %% %d", line.key(), SHARDS)
                        .isEqualTo(Integer.parseInt(line.key()) % SHARDS);
                if (line.value().endsWith("}")) {
                    byPartition.merge(line.partition(), 1, Integer::sum);
                }
            }
            final Map<Integer, Integer> byShard = new TreeMap<>();
            truth.get("events_by_shard").fields().forEachRemaining(shard -> shard.getValue().forEach(count ->
                    byShard.merge(Integer.parseInt(shard.getKey()), count.asInt(), Integer::sum)));
            assertThat(byPartition).as("well-formed lines by partition of %s", tick.prefix()).isEqualTo(byShard);
            truth.path("anomalies").forEach(anomaly -> labelled.add(tick.prefix() + ".event-ingest.txt:"
                    + anomaly.get("line").asInt() + ":" + anomaly.get("kind").asText()));
        }
        final List<Map.Entry<String, String>> inOrder = new ArrayList<>();
        ticks.values().stream().sorted((a, b) -> a.prefix().compareTo(b.prefix()))
                .forEach(tick -> inOrder.add(Map.entry(tick.prefix() + ".event-ingest.txt", tick.content())));
        final Set<String> found = new TreeSet<>();
        Replays.findings(STARTING_BALANCE_CENTS, inOrder).forEach(finding -> found.add(finding.split(" ")[0]));
        assertThat(found).as("the replay's findings are the labelled anomalies").isEqualTo(labelled);
        return ticks;
    }

    private static void createTopics(String topic, int truthPartitions) throws InterruptedException {
        broker.createTopic(topic, SHARDS + 1);
        broker.createTopic(topic + ".truth", truthPartitions);
    }

    private static int committedTicks(String topic) throws IOException {
        return truths(topic + ".truth").size();
    }

    private long counter(String name) throws Exception {
        final HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(metrics.body()).path("counters").path(name).path("count").asLong();
    }

    @Test
    void aRunIsReadByAReadCommittedConsumerTickByTickWholeAndReplaysClean() throws Exception {
        final String topic = "normal";
        createTopics(topic, 1);
        final Process service = start(config("normal", topic, "", """
                generation_interval = 1
                events_per_batch = 400
                [anomalies]
                malformed = 0.01
                """), "normal.log");
        until(service, "normal.log", 90, () -> committedTicks(topic) >= 5);
        assertThat(counter("kafka.transactions.committed")).isGreaterThanOrEqualTo(5);
        stop(service);
        final Map<String, TopicTicks.Tick> ticks = assertWholeAndClean(topic);
        assertThat(ticks.size()).isGreaterThanOrEqualTo(5);
        assertThat(ticks.values().stream().mapToInt(tick -> tick.lines().size()).sum()).isGreaterThan(5);
        assertThat(Files.readString(dir.resolve("normal.log"), StandardCharsets.UTF_8))
                .contains("Kafka output ready");
    }

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

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
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

    @Test
    void twoPartitionsOfOneWorldIntoOneTopicAreDisjointAndReplayCleanAsOne() throws Exception {
        final String topic = "partitioned";
        createTopics(topic, 2);
        final Process zero = start(config("p0", topic, "partition = 0\npartitions = 2", EVERY_SECOND),
                "p0.log");
        final Process one = start(config("p1", topic, "partition = 1\npartitions = 2", EVERY_SECOND),
                "p1.log");
        until(one, "p1.log", 120, () -> truths(topic + ".truth").keySet().stream()
                .filter(key -> key.startsWith("1/")).count() >= 3 && truths(topic + ".truth").size() >= 6);
        stop(zero);
        stop(one);
        final Map<String, TopicTicks.Tick> ticks = assertWholeAndClean(topic);
        final Set<String> partitions = new HashSet<>();
        ticks.values().forEach(tick -> {
            partitions.add(tick.worldPartition());
            tick.lines().forEach(line -> assertThat(Integer.parseInt(line.key()) % 2)
                    .as("shop %s of world partition %s", line.key(), tick.worldPartition())
                    .isEqualTo(Integer.parseInt(tick.worldPartition())));
        });
        assertThat(partitions).containsExactlyInAnyOrder("0", "1");
    }
    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBrokerThatDoesNotAnswerAtStartLeavesTheServiceRunningAndNotReadyWithTheReason() throws Exception {
        final Path config = config("nobroker", "nowhere", "", EVERY_SECOND);
        final String nobody = "127.0.0.1:" + JarProcess.freePort();
        Files.writeString(config, Files.readString(config).replace(broker.bootstrap(), nobody)
                .replace("timeout = 5\n", "timeout = 2\n"));
        final Process service = start(config, "nobroker.log");
        until(service, "nobroker.log", 90, () -> {
            try {
                return get("http://127.0.0.1:" + appPort + "/ready").statusCode() == 503;
            } catch (IOException notYetListening) {
                return false;
            }
        });
        assertThat(get("http://127.0.0.1:" + appPort + "/ready").body()).contains("Kafka at " + nobody)
                .contains("not reachable");
        final HttpResponse<String> health = get("http://127.0.0.1:" + adminPort + "/healthcheck");
        assertThat(health.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(health.body()).path("kafka").path("healthy").asBoolean(true)).isFalse();
        until(service, "nobroker.log", 60, () -> counter("ticks.output_unready") >= 2);
        assertThat(service.isAlive()).isTrue();
        stop(service);
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

    private long published(String log) throws IOException {
        return Files.readAllLines(dir.resolve(log), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("published file=")).count();
    }
}
