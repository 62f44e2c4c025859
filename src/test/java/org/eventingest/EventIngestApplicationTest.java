package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eventingest.support.PipelineStandIn;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole application against a stand-in pipeline-apid, driven by a controllable clock. */
class EventIngestApplicationTest {

    private static final Pattern CONSUMERS = Pattern.compile("^\\d{14}\\.event-ingest\\.txt$");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:03.500Z"), shared, """
                [events]
                generation_interval = 10
                events_per_batch = 40
                max_batch_size = 1000
                max_payload_size = 1024
                seed = 1234

                [world]
                shops = 3
                goods = 5
                users = 7

                [pipeline]
                url = "${pipeline.url}"
                shards_count = 3
                """);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void ticksPublishContractFilesAndAnnounceEachOneRegisterThenDone() throws Exception {
        app.tickAt(Instant.parse("2026-01-01T00:00:10Z"));
        app.tickAt(Instant.parse("2026-01-01T00:00:20Z"));
        app.clock.set(Instant.parse("2026-01-01T00:00:21Z"));

        final List<String> files = app.eventFiles();
        assertThat(files).contains("20260101000010.event-ingest.txt", "20260101000020.event-ingest.txt");
        assertThat(files).allMatch(name -> CONSUMERS.matcher(name).matches());
        long lines = 0;
        for (String name : files) {
            final String content = Files.readString(app.eventsDir.resolve(name));
            assertThat(content).endsWith("\n").doesNotContain("\n\n");
            for (String line : content.split("\n")) {
                assertLineFollowsTheContract(line);
                lines++;
            }
        }
        assertThat(lines).isBetween(2L, 80L);

        await().atMost(10, TimeUnit.SECONDS).until(() -> app.pipeline().requests().size() >= 2 * files.size());
        final List<PipelineStandIn.Request> requests = app.pipeline().requests();
        for (String name : files) {
            final String prefix = name.substring(0, 14);
            final List<PipelineStandIn.Request> calls =
                    requests.stream().filter(r -> prefix.equals(r.filename())).toList();
            assertThat(calls).extracting(PipelineStandIn.Request::path).containsExactly(
                    "/api/v1/pipeline/files/register", "/api/v1/pipeline/stages/event-ingest/done");
            assertThat(calls).allMatch(r -> r.method().equals("POST"));
            assertThat(calls.get(0).body()).isEqualTo(JSON.readTree(
                    "{\"filename\":\"" + prefix + "\",\"shards\":[0,1,2]}"));
            assertThat(calls.get(1).body()).isEqualTo(JSON.readTree("{\"filename\":\"" + prefix + "\"}"));
        }

        final JsonNode stats = app.get("/api/v1/events/stats").json();
        assertThat(stats.get("events_dir").asText()).isEqualTo(app.eventsDir.toString());
        assertThat(stats.at("/files/count").asLong()).isEqualTo(files.size());
        assertThat(stats.at("/files/total_events").asLong()).isEqualTo(lines);
        assertThat(stats.at("/files/total_bytes").asLong()).isEqualTo(totalBytes(files));
        assertThat(stats.at("/files/newest").asText()).isEqualTo(files.get(files.size() - 1));
        assertThat(stats.at("/ticks/run").asLong()).isEqualTo(files.size());
        assertThat(stats.at("/ticks/skipped").asLong()).isZero();
        assertThat(stats.at("/ticks/last").asText()).isEqualTo("2026-01-01T00:00:20Z");
        assertThat(stats.at("/ticks/next").asText()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(stats.at("/events_generated/total").asLong()).isEqualTo(lines);
        assertThat(stats.at("/pipeline/calls_sent").asLong()).isEqualTo(2L * files.size());
        assertThat(stats.at("/pipeline/calls_failed").asLong()).isZero();

        final JsonNode metrics = app.admin("/metrics").json();
        long byType = 0;
        for (String type : List.of("restock", "purchase", "price_change", "return", "shop_status")) {
            byType += metrics.at("/meters/events.generated." + type + "/count").asLong();
        }
        assertThat(byType).isEqualTo(lines);
        assertThat(metrics.at("/meters/files.published/count").asLong()).isEqualTo(files.size());
        assertThat(metrics.at("/timers/ticks.duration/count").asLong()).isEqualTo(files.size());
        assertThat(metrics.at("/histograms/files.bytes/count").asLong()).isEqualTo(files.size());
        assertThat(metrics.at("/counters/pipeline.calls.done.ok/count").asLong()).isEqualTo(files.size());

        // The expected world after these files, and a truth record per file, in the state directory.
        final RunningApp.Answer world = app.get("/api/v1/world");
        assertThat(world.status()).isEqualTo(200);
        assertThat(world.json().get("last_file").asText()).isEqualTo(files.get(files.size() - 1));
        assertThat(world.json().get("shops")).hasSize(3);
        // Serialised once per file: its name is the ETag, and a reader that has it gets 304.
        final HttpClient client = HttpClient.newHttpClient();
        final URI worldUri = app.uri("/api/v1/world");
        final var first = client.send(HttpRequest.newBuilder(worldUri).build(),
                HttpResponse.BodyHandlers.ofString());
        final String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(tag).isEqualTo("\"" + files.get(files.size() - 1).substring(0, 14) + "\"");
        assertThat(first.body()).isEqualTo(world.body());
        assertThat(client.send(HttpRequest.newBuilder(worldUri).header("If-None-Match", tag).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
        for (String name : files) {
            final JsonNode truth = JSON.readTree(
                    shared.resolve("event-ingest-state/truth/" + name.substring(0, 14) + ".json").toFile());
            assertThat(truth.get("file").asText()).isEqualTo(name);
            assertThat(truth.get("lines").asLong())
                    .isEqualTo(Files.readString(app.eventsDir.resolve(name)).lines().count());
            assertThat(truth.get("anomalies")).isEmpty();
        }
    }

    @Test
    void healthReadinessAndAdminChecksAreGreen() {
        assertThat(app.get("/health").status()).isEqualTo(200);
        final RunningApp.Answer ready = app.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");

        final RunningApp.Answer checks = app.admin("/healthcheck");
        assertThat(checks.status()).isEqualTo(200);
        assertThat(checks.json().at("/shared-dir/healthy").asBoolean()).isTrue();
        assertThat(checks.json().at("/pipeline/healthy").asBoolean()).isTrue();
        assertThat(app.admin("/threads").body()).contains("generator-");
    }

    @Test
    void theAdminMenuListsThePrometheusPathAndTheTasks() {
        final RunningApp.Answer menu = app.admin("/");
        assertThat(menu.status()).isEqualTo(200);
        assertThat(menu.body()).contains("href=\"/metrics/prometheus\"", "href=\"/metrics?pretty=true\"",
                "href=\"/healthcheck?pretty=true\"", "href=\"/threads\"", "href=\"/ping\"");
        assertThat(menu.body()).contains("<code>set-rate</code>", "<code>tick-now</code>",
                "<code>requeue-parked</code>", "<code>log-level</code>");
        // Only the root is the menu: Dropwizard's paths answer as before.
        assertThat(app.admin("/ping").body()).contains("pong");
        assertThat(app.admin("/metrics/prometheus").body()).contains("event_ingest_");
    }

    @Test
    void theRequeueParkedTaskAnswersJson() {
        final RunningApp.Answer answer = app.send(HttpRequest.newBuilder(
                app.adminUri("/tasks/requeue-parked"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("requeued").isArray()).isTrue();
    }

    @Test
    void requestBodiesLargerThanMaxPayloadSizeAreRefused() {
        final RunningApp.Answer tooLarge = app.send(HttpRequest.newBuilder(
                        app.uri("/api/v1/events/stats"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1025))));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("events.max_payload_size = 1024");

        final RunningApp.Answer small = app.send(HttpRequest.newBuilder(
                        app.uri("/api/v1/events/stats"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1024))));
        assertThat(small.status()).isEqualTo(405);
    }

    private static long totalBytes(List<String> files) throws Exception {
        long bytes = 0;
        for (String name : files) {
            bytes += Files.size(app.eventsDir.resolve(name));
        }
        return bytes;
    }

    /** Every field of the contract, with its type and format; money checked on the raw text. */
    static void assertLineFollowsTheContract(String text) throws Exception {
        final JsonNode line = JSON.readTree(text);
        assertThat(line.fieldNames()).toIterable().containsExactly("event_type", "payload", "saved_at", "timestamp");
        assertThat(line.get("saved_at").asText()).matches(TIMESTAMP);
        assertThat(line.get("timestamp").asText()).matches(TIMESTAMP);
        final JsonNode payload = line.get("payload");
        assertThat(payload.get("shop_id").isIntegralNumber()).isTrue();
        assertThat(payload.get("shop_id").asLong()).isPositive();
        final int type = line.get("event_type").asInt();
        final List<String> fields = switch (type) {
            case 0 -> List.of("shop_id", "good_id", "delta_count", "reason", "sub_event_type");
            case 1 -> List.of("order_id", "user_id", "shop_id", "good_id", "qty", "price_at_order");
            case 2 -> List.of("shop_id", "good_id", "new_price", "old_price");
            case 3 -> List.of("order_id", "user_id", "shop_id", "good_id", "qty", "refund_amount");
            case 4 -> List.of("shop_id", "active");
            default -> throw new AssertionError("event_type " + type);
        };
        assertThat(payload.fieldNames()).toIterable().containsExactlyElementsOf(fields);
        for (String money : List.of("price_at_order", "new_price", "old_price", "refund_amount")) {
            if (payload.has(money)) {
                assertThat(payload.get(money).isNumber()).isTrue();
                assertThat(text).containsPattern("\"" + money + "\":\\d+\\.\\d{2}[,}]");
                assertThat(payload.get(money).decimalValue()).isPositive();
            }
        }
        for (String id : List.of("order_id", "user_id", "good_id")) {
            if (payload.has(id)) {
                assertThat(payload.get(id).asLong()).isPositive();
            }
        }
        if (payload.has("qty")) {
            assertThat(payload.get("qty").asInt()).isPositive();
        }
        if (type == 0) {
            final String sub = payload.get("sub_event_type").asText();
            final int delta = payload.get("delta_count").asInt();
            assertThat(sub).isIn("restock", "defect", "loss");
            assertThat(delta > 0).isEqualTo(sub.equals("restock"));
            assertThat(delta).isNotZero();
        }
        if (type == 4) {
            assertThat(payload.get("active").isBoolean()).isTrue();
        }
    }
}
