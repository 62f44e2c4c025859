package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipeline-apid unreachable: files are still written, the pipeline check is red, /ready stays 200. */
class PipelineDownTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        app = new RunningApp(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 1
                seed = 7

                [pipeline]
                url = "http://127.0.0.1:%d/api/v1/pipeline"
                """.formatted(closedPort));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void filesAreStillPublishedAndOnlyThePipelineCheckFails() {
        for (int second = 1; second <= 3; second++) {
            app.tickAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> app.eventFiles().size() == 3);
        assertThat(app.eventFiles()).containsExactly("20260101000001.event-ingest.txt",
                "20260101000002.event-ingest.txt", "20260101000003.event-ingest.txt");

        await().atMost(10, TimeUnit.SECONDS).until(() ->
                app.get("/api/v1/events/stats").json().at("/pipeline/calls_failed").asLong() == 3);
        final JsonNode stats = app.get("/api/v1/events/stats").json();
        assertThat(stats.at("/files/count").asLong()).isEqualTo(3);
        assertThat(stats.at("/ticks/run").asLong()).isEqualTo(3);

        assertThat(app.get("/ready").status()).isEqualTo(200);
        assertThat(app.get("/health").status()).isEqualTo(200);
        final RunningApp.Answer checks = app.admin("/healthcheck");
        assertThat(checks.status()).isEqualTo(500);
        assertThat(checks.json().at("/pipeline/healthy").asBoolean()).isFalse();
        assertThat(checks.json().at("/pipeline/message").asText()).contains("did not answer");
        assertThat(checks.json().at("/shared-dir/healthy").asBoolean()).isTrue();
    }
}
