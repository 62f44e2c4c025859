package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eventingest.support.PipelineStandIn;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline-apid that answers after 30 s changes nothing in the tick schedule. */
class SlowPipelineTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 1

                [pipeline]
                url = "${pipeline.url}"
                timeout = 30
                drain_timeout = 0
                """);
        // Before the first tick: nothing has been sent yet.
        app.pipeline().misbehave(request -> Optional.of(new PipelineStandIn.Reply(200, "{}", 30_000)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyTickStillRunsOnItsBoundaryAndPublishesItsFile() {
        for (int second = 1; second <= 5; second++) {
            app.tickAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second));
        }
        assertThat(app.eventFiles()).hasSize(5);
        final JsonNode stats = app.get("/api/v1/events/stats").json();
        assertThat(stats.at("/ticks/run").asLong()).isEqualTo(5);
        assertThat(stats.at("/ticks/skipped").asLong()).isZero();
        assertThat(stats.at("/pipeline/backlog").asLong()).isEqualTo(5);
        assertThat(app.pipeline().calls()).hasSize(1); // the first register, still waiting for its answer
        assertThat(app.admin("/metrics").json().at("/histograms/ticks.lateness_us/max").asLong()).isZero();
    }
}
