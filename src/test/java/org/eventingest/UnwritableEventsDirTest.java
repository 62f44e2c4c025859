package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events directory cannot be written (here: a plain file stands where it should be, which
 * fails even for root): the service runs, is not ready, counts failed writes, publishes nothing,
 * and recovers on the next tick once the directory is usable.
 */
class UnwritableEventsDirTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(shared.resolve("events"), "not a directory");
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 1

                [pipeline]
                url = "${pipeline.url}"
                """);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void notReadyFailedWritesCountedNothingPublishedThenRecovers() throws Exception {
        final RunningApp.Answer ready = app.get("/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("reason").asText()).contains("cannot create a file in " + app.eventsDir);
        assertThat(app.get("/health").status()).isEqualTo(200);
        final RunningApp.Answer checks = app.admin("/healthcheck");
        assertThat(checks.json().at("/shared-dir/healthy").asBoolean()).isFalse();

        app.tickAt(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(app.get("/api/v1/events/stats").json().at("/ticks/write_failures").asLong()).isEqualTo(1);
        assertThat(app.pipeline().requests()).noneMatch(request -> request.method().equals("POST"));
        assertThat(Files.readString(app.eventsDir)).isEqualTo("not a directory");

        Files.delete(app.eventsDir);
        Files.createDirectory(app.eventsDir);
        app.tickAt(Instant.parse("2026-01-01T00:00:02Z"));
        assertThat(app.eventFiles()).containsExactly("20260101000002.event-ingest.txt");
        assertThat(app.get("/ready").status()).isEqualTo(200);
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.pipeline().requests().stream()
                .filter(request -> request.method().equals("POST")).count() == 2);
        // Only the file written after the recovery is announced, register then done.
        assertThat(app.pipeline().calls()).extracting(call -> (call.isRegister() ? "R:" : "D:") + call.filename())
                .containsExactly("R:20260101000002", "D:20260101000002");
    }
}
