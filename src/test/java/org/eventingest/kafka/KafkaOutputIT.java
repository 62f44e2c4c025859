package org.eventingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eventingest.support.JarProcess;
import org.eventingest.support.TopicTicks;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar with {@code output.kind = "kafka"} against a real broker ({@link KafkaJarRuns}): a run read tick by
 * tick, two world partitions into one topic, and a broker that does not answer at start.
 */
class KafkaOutputIT extends KafkaJarRuns {

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

    @Test
    void aBrokerThatDoesNotAnswerAtStartLeavesTheServiceRunningAndNotReadyWithTheReason() throws Exception {
        final Path config = config("nobroker", "nowhere", "", EVERY_SECOND);
        try (Socket refusing = JarProcess.refusingPort()) {
            final String nobody = "127.0.0.1:" + refusing.getLocalPort();
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
    }
}
