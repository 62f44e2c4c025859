package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline-apid down for several ticks, then back: files are written on schedule all along, the
 * pipeline check is red and the backlog shows, /ready stays 200; once it is back every file is
 * registered, then marked done, in order, once.
 */
class PipelineDownTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 1
                seed = 7

                [pipeline]
                url = "${pipeline.url}"
                drain_timeout = 0
                """);
        // Before the first tick: nothing has been sent yet.
        app.pipeline().down();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void filesKeepComingTheBacklogShowsAndEverythingIsAnnouncedInOrderOnceItIsBack() throws Exception {
        for (int second = 1; second <= 4; second++) {
            app.tickAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second));
        }
        assertThat(app.eventFiles()).containsExactly("20260101000001.event-ingest.txt",
                "20260101000002.event-ingest.txt", "20260101000003.event-ingest.txt",
                "20260101000004.event-ingest.txt");

        final JsonNode stats = app.get("/api/v1/events/stats").json();
        assertThat(stats.at("/files/count").asLong()).isEqualTo(4);
        assertThat(stats.at("/ticks/skipped").asLong()).isZero();
        assertThat(stats.at("/pipeline/backlog").asLong()).isEqualTo(4);
        assertThat(stats.at("/pipeline/oldest_unannounced").asText()).isEqualTo("20260101000001.event-ingest.txt");
        assertThat(stats.at("/pipeline/last_error").asText()).contains("Connection refused");

        assertThat(app.get("/ready").status()).isEqualTo(200);
        assertThat(app.get("/health").status()).isEqualTo(200);
        final RunningApp.Answer checks = app.admin("/healthcheck");
        assertThat(checks.status()).isEqualTo(500);
        assertThat(checks.json().at("/pipeline/healthy").asBoolean()).isFalse();
        assertThat(checks.json().at("/pipeline/message").asText()).contains("did not answer")
                .contains("backlog 4 files");
        assertThat(checks.json().at("/shared-dir/healthy").asBoolean()).isTrue();
        final JsonNode metrics = app.admin("/metrics").json();
        assertThat(metrics.at("/gauges/pipeline.backlog/value").asLong()).isEqualTo(4);
        assertThat(metrics.at("/gauges/pipeline.oldest_unannounced_seconds/value").asLong()).isEqualTo(3);

        app.pipeline().up();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (app.get("/api/v1/events/stats").json().at("/pipeline/backlog").asLong() == 0) {
                return true;
            }
            app.clock.advance(Duration.ofMillis(250)); // retries wait on the service's clock
            return false;
        });
        // The clock stands still now: a tick it may have just reached is published and announced too.
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            final JsonNode now = app.get("/api/v1/events/stats").json();
            return now.at("/pipeline/backlog").asLong() == 0
                    && now.at("/files/count").asLong() == app.eventFiles().size();
        });

        final List<String> prefixes = app.eventFiles().stream().map(name -> name.substring(0, 14)).toList();
        final List<String> log = app.pipeline().calls().stream()
                .map(call -> (call.isRegister() ? "R:" : "D:") + call.filename()).toList();
        final List<String> expected = prefixes.stream().flatMap(prefix -> Stream.of("R:" + prefix,
                "D:" + prefix)).toList();
        assertThat(log).containsExactlyElementsOf(expected);
        assertThat(app.admin("/healthcheck").json().at("/pipeline/healthy").asBoolean()).isTrue();
    }
}
