package org.eventingest.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eventingest.api.Status;
import org.eventingest.core.ManualClock;
import org.eventingest.files.EventDirectory;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.Rate;
import org.eventingest.tick.TickLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthResourceTest {

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00.5Z"));

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void healthAndReadinessFailOnceTheGeneratorThreadHasDied() throws Exception {
        final TickLoop generator = new TickLoop(clock, new AtomicReference<>(
                new Rate(1, 1, Duration.ofSeconds(1), BatchSize.UNIFORM)), boundary -> {
            throw new StackOverflowError("simulated");
        }, executor, new MetricRegistry(), Duration.ofSeconds(5));
        final HealthResource resource = new HealthResource(generator::isAlive,
                new EventDirectory(dir, Duration.ofSeconds(5))::probeWritable, Optional::empty);
        assertThat(resource.health().getStatus()).isEqualTo(503);

        generator.start();
        await().atMost(5, TimeUnit.SECONDS).until(() -> generator.nextBoundary().isPresent());
        assertThat(resource.health().getStatus()).isEqualTo(200);
        assertThat(resource.ready().getStatus()).isEqualTo(200);

        clock.set(Instant.parse("2026-01-01T00:00:01Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !generator.isAlive());
        final Response health = resource.health();
        assertThat(health.getStatus()).isEqualTo(503);
        assertThat(((Status) health.getEntity()).reason()).contains("generator thread is not running");
        assertThat(resource.ready().getStatus()).isEqualTo(503);
        generator.stop();
    }
}
