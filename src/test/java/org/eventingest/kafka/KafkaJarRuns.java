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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.eventingest.core.world.Replays;
import org.eventingest.support.JarProcess;
import org.eventingest.support.TopicTicks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Kafka ITs share: a real single-node broker (KRaft, in a forked JVM on loopback) for each class, the
 * packaged jar with {@code output.kind = "kafka"} against it, and the topics read back as a {@code read_committed}
 * consumer would: every tick whole (its line count is its truth record's), each line once in the partition of its
 * shop's shard, and the committed ticks replayed clean from an empty world.
 */
abstract class KafkaJarRuns extends BrokerPerClass {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long STARTING_BALANCE_CENTS = 1_000_000;
    static final int SHARDS = 3;
    static final String EVERY_SECOND = "generation_interval = 1\nevents_per_batch = 300";

    @TempDir
    Path dir;
    final List<Process> services = new ArrayList<>();
    int adminPort;
    int appPort;

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    /** {@code events}: the [events] keys beyond the seed, one of them {@code generation_interval}. */
    Path config(String name, String topic, String world, String events) throws IOException {
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
    void until(Process service, String log, int seconds, Callable<Boolean> condition) throws IOException {
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
    String generatorThread() {
        try {
            final String dump = get("http://127.0.0.1:" + adminPort + "/threads").body();
            final int at = dump.indexOf("\"generator-");
            return at < 0 ? "(none in the dump)" : dump.substring(at, Math.max(at, dump.indexOf("\n\n", at)));
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    Process start(Path config, String log) throws IOException {
        final Process service = JarProcess.startServer(config, dir.resolve(log));
        services.add(service);
        return service;
    }

    static void stop(Process service) throws InterruptedException {
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped in 60 s").isTrue();
    }

    /** The truth records on {@code truthTopic}, keyed {@code <world partition>/<prefix>}. */
    static Map<String, JsonNode> truths(String truthTopic) throws IOException {
        return truths(truthTopic, false);
    }

    /** As {@link #truths(String)}; {@code settled}: once no transaction is open on it (no producer left). */
    static Map<String, JsonNode> truths(String truthTopic, boolean settled) throws IOException {
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
    static Map<String, TopicTicks.Tick> assertWholeAndClean(String topic) throws IOException {
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

    static void createTopics(String topic, int truthPartitions) throws InterruptedException {
        broker.createTopic(topic, SHARDS + 1);
        broker.createTopic(topic + ".truth", truthPartitions);
    }

    static int committedTicks(String topic) throws IOException {
        return truths(topic + ".truth").size();
    }

    long counter(String name) throws Exception {
        final HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(metrics.body()).path("counters").path(name).path("count").asLong();
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    long published(String log) throws IOException {
        return Files.readAllLines(dir.resolve(log), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("published file=")).count();
    }
}
