package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With admin.token set, tasks need the bearer token; on loopback read-only endpoints do not, off
 * loopback every path but /ping does.
 */
class AdminTokenTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = new RunningApp(Instant.parse("2026-01-01T00:00:00.500Z"), shared, "", "token = \"s3cret-token\"",
                "[pipeline]\nurl = \"http://127.0.0.1:9/api/v1/pipeline\"\ndrain_timeout = 0\n");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static RunningApp.Answer pause(String authorization) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                app.adminUri("/tasks/pause")).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return app.send(request);
    }

    @Test
    void tasksNeedTheTokenReadOnlyEndpointsDoNot() {
        assertThat(pause(null).status()).isEqualTo(401);
        assertThat(pause("Bearer wrong").status()).isEqualTo(401);
        assertThat(app.get("/api/v1/events/stats").json().at("/generator/paused").asBoolean()).isFalse();

        final RunningApp.Answer allowed = pause("Bearer s3cret-token");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("paused").asBoolean()).isTrue();

        assertThat(app.admin("/metrics").status()).isEqualTo(200);
        assertThat(app.admin("/ping").status()).isEqualTo(200);
        assertThat(app.admin("/threads").status()).isEqualTo(200);
    }

    @Test
    void offLoopbackEveryAdminPathButPingNeedsTheToken(@TempDir Path other) throws Exception {
        // Bound to every address, called on loopback only.
        try (RunningApp open = new RunningApp(Instant.parse("2026-01-01T00:00:00.500Z"), other, "",
                "host = \"0.0.0.0\"\ntoken = \"s3cret-token\"",
                "[pipeline]\nurl = \"http://127.0.0.1:9/api/v1/pipeline\"\ndrain_timeout = 0\n")) {
            for (String path : List.of("/threads", "/metrics", "/metrics/prometheus", "/healthcheck")) {
                assertThat(open.admin(path).status()).as(path).isEqualTo(401);
                final RunningApp.Answer allowed = open.send(HttpRequest.newBuilder(
                        open.adminUri(path)).header("Authorization", "Bearer s3cret-token"));
                assertThat(allowed.status()).as(path).isIn(200, 500); // healthcheck is 500 while pipeline-apid is away
            }
            assertThat(open.admin("/ping").status()).isEqualTo(200);
        }
    }
}
