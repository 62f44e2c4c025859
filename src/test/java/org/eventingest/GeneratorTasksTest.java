package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's admin tasks on a running application, with a controllable clock. */
class GeneratorTasksTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 10
                events_per_batch = 5

                [pipeline]
                url = "${pipeline.url}"
                """);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonNode task(String name, String form) {
        return task(name, form, 200);
    }

    /** The task's JSON answer, asserting its HTTP status. */
    private static JsonNode task(String name, String form, int status) {
        final RunningApp.Answer answer = app.send(HttpRequest.newBuilder(
                        app.adminUri("/tasks/" + name))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer.json();
    }

    private static JsonNode stats() {
        return app.get("/api/v1/events/stats").json();
    }

    @Test
    void pauseResumeTickNowAndSetRateChangeTheScheduleAsAsked() {
        app.tickAt(Instant.parse("2026-01-01T00:00:10Z"));
        assertThat(app.eventFiles()).containsExactly("20260101000010.event-ingest.txt");

        // pause: boundaries pass, counted as paused, no files
        assertThat(task("pause", "").get("paused").asBoolean()).isTrue();
        assertThat(stats().at("/generator/paused").asBoolean()).isTrue();
        app.clock.set(Instant.parse("2026-01-01T00:00:20Z"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> stats().at("/ticks/paused").asLong() == 1);
        app.clock.set(Instant.parse("2026-01-01T00:00:30Z"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> stats().at("/ticks/paused").asLong() == 2);
        assertThat(app.eventFiles()).containsExactly("20260101000010.event-ingest.txt");

        // tick-now works while paused too: a file named by the current second; the same second again is refused,
        // as every tick at or before the newest file is (name order is generation order)
        app.clock.set(Instant.parse("2026-01-01T00:00:33.700Z"));
        final JsonNode now = task("tick-now", "");
        assertThat(now.get("status").asText()).isEqualTo("published");
        assertThat(now.get("file").asText()).isEqualTo("20260101000033.event-ingest.txt");
        final JsonNode again = task("tick-now", "", 409);
        assertThat(again.get("status").asText()).isEqualTo("refused");
        assertThat(stats().at("/ticks/behind").asLong()).isEqualTo(1);
        assertThat(stats().at("/ticks/clock_behind_seconds").asLong()).isZero();
        assertThat(stats().at("/ticks/collisions").asLong()).isZero();

        // resume, then a new rate: effective from the next boundary of the new interval
        assertThat(task("resume", "").get("paused").asBoolean()).isFalse();
        final JsonNode rate = task("set-rate", "events_per_batch=2&generation_interval=7");
        assertThat(rate.get("events_per_batch").asInt()).isEqualTo(2);
        assertThat(rate.get("generation_interval").asInt()).isEqualTo(7);
        // 00:00:33.7 → the next multiple of 7 s after it
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> stats().at("/ticks/next").asText().equals("2026-01-01T00:00:35Z"));
        assertThat(stats().at("/generator/events_per_batch").asInt()).isEqualTo(2);
        assertThat(stats().at("/ticks/interval_seconds").asInt()).isEqualTo(7);
        app.tickAt(Instant.parse("2026-01-01T00:00:35Z"));
        app.tickAt(Instant.parse("2026-01-01T00:00:42Z"));
        assertThat(app.eventFiles()).endsWith("20260101000035.event-ingest.txt", "20260101000042.event-ingest.txt");

        // the same rules as the configuration
        final JsonNode refused = task("set-rate", "generation_interval=0", 400);
        assertThat(refused.get("status").asText()).isEqualTo("refused");
        assertThat(refused.get("reason").asText()).contains("events.generation_interval must be between 1 and 86400");
        assertThat(task("set-rate", "events_per_batch=abc", 400).get("reason").asText()).contains("must be an integer");
        // above the hard guard: refused, naming both keys, not silently capped
        assertThat(task("set-rate", "events_per_batch=1001", 400).get("reason").asText())
                .contains("events.events_per_batch 1001 is above events.max_batch_size 1000");
        assertThat(stats().at("/generator/events_per_batch").asInt()).isEqualTo(2);
        // exactly N a tick, as load tests ask; stats and metrics show the rate asked for
        assertThat(stats().at("/generator/batch").asText()).isEqualTo("uniform");
        assertThat(stats().at("/generator/events_per_second").asDouble()).isEqualTo(1.5 / 7);
        assertThat(task("set-rate", "batch=exact").get("events_per_second").asDouble()).isEqualTo(2.0 / 7);
        assertThat(task("set-rate", "batch=sometimes", 400).get("reason").asText())
                .contains("events.batch must be one of");
        assertThat(app.admin("/metrics").json().at("/gauges/generator.events_per_second/value").asDouble())
                .isEqualTo(2.0 / 7);
        assertThat(stats().at("/ticks/interval_seconds").asInt()).isEqualTo(7);
    }
}
