package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipeline.enabled = false: files are written, nothing is announced or queued, no pipeline check. */
class PipelineDisabledTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 1

                [pipeline]
                enabled = false
                url = "${pipeline.url}"
                """);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void filesAreWrittenAndNothingIsAnnouncedQueuedOrChecked() throws Exception {
        app.tickAt(Instant.parse("2026-01-01T00:00:01Z"));
        app.tickAt(Instant.parse("2026-01-01T00:00:02Z"));
        assertThat(app.eventFiles())
                .containsExactly("20260101000001.event-ingest.txt", "20260101000002.event-ingest.txt");

        assertThat(app.pipeline().requests()).isEmpty();
        assertThat(Files.exists(shared.resolve("event-ingest-state/delivery.json"))).isFalse();
        final RunningApp.Answer checks = app.admin("/healthcheck");
        assertThat(checks.status()).isEqualTo(200);
        assertThat(checks.json().has("pipeline")).isFalse();
        assertThat(checks.json().has("shared-dir")).isTrue();
        assertThat(app.get("/health").status()).isEqualTo(200);
        assertThat(app.get("/ready").status()).isEqualTo(200);
        assertThat(app.get("/api/v1/events/stats").json().at("/pipeline/enabled").asBoolean()).isFalse();
        assertThat(app.get("/api/v1/events/stats").json().at("/pipeline/backlog").asLong()).isZero();
    }
}
