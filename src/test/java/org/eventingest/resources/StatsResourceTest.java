package org.eventingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eventingest.core.EventType;
import org.eventingest.files.EventFileIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/events/stats} over Jersey, from a real generator writing into a temporary directory. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsResourceTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:03.250Z");
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:10Z");

    @TempDir
    static Path dirs;

    private final RunningGenerator generator = new RunningGenerator(Files.createTempDirectory(dirs, "events"), START);
    private final ResourceExtension resources = ResourceExtension.builder().addResource(stats(generator)).build();

    StatsResourceTest() throws IOException {
    }

    /** The one place that builds the resource, from the status records the application gives it. */
    private static StatsResource stats(RunningGenerator generator) {
        return new StatsResource(generator.eventsDir, generator.index::summary, generator.loop::status,
                generator.job::status, Optional::empty); // pipeline.enabled = false
    }

    @AfterEach
    void stop() throws InterruptedException {
        generator.close();
    }

    private JsonNode get() {
        final Response response = resources.target("/api/v1/events/stats").request(MediaType.APPLICATION_JSON).get();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        return response.readEntity(JsonNode.class);
    }

    @Test
    void beforeTheFirstTickEverythingIsZeroAndTheDisabledPipelineSaysSo() {
        final JsonNode stats = get();

        assertThat(stats.get("events_dir").asText()).isEqualTo(generator.eventsDir.toString());
        assertThat(stats.at("/files/count").asLong()).isZero();
        assertThat(stats.at("/files/total_bytes").asLong()).isZero();
        assertThat(stats.at("/files/newest").isNull()).isTrue();
        assertThat(stats.at("/ticks/interval_seconds").asLong()).isEqualTo(10);
        assertThat(stats.at("/ticks/last").isNull()).isTrue();
        assertThat(stats.at("/ticks/next").isNull()).as("not started: no boundary promised").isTrue();
        assertThat(stats.at("/ticks/run").asLong()).isZero();
        assertThat(stats.at("/events_generated/total").asLong()).isZero();
        assertThat(stats.get("events_generated")).hasSize(EventType.values().length + 1);
        assertThat(stats.at("/generator/paused").asBoolean()).isFalse();
        assertThat(stats.at("/generator/events_per_batch").asInt()).isEqualTo(RunningGenerator.EVENTS_PER_BATCH);
        assertThat(stats.at("/generator/max_batch_size").asInt()).isEqualTo(RunningGenerator.MAX_BATCH_SIZE);
        assertThat(stats.at("/generator/batch").asText()).isEqualTo("uniform");
        assertThat(stats.at("/generator/events_per_second").asDouble()).isEqualTo(25.5 / 10);
        assertThat(stats.at("/pipeline/enabled").asBoolean()).isFalse();
        assertThat(stats.at("/pipeline/backlog").asLong()).isZero();
        assertThat(stats.at("/pipeline/parked")).isEmpty();
        assertThat(stats.at("/pipeline/last_error").isNull()).isTrue();
    }

    @Test
    void aTickShowsItsFileItsEventsByTypeAndTheNextBoundary() throws Exception {
        generator.start();
        assertThat(get().at("/ticks/next").asText()).isEqualTo(FIRST.toString());
        generator.tickAt(FIRST);

        final JsonNode stats = get();
        final Path file = generator.eventsDir.resolve("20260101000010.event-ingest.txt");
        final long lines = Files.readAllLines(file).size();
        assertThat(lines).isBetween(1L, (long) RunningGenerator.EVENTS_PER_BATCH);
        assertThat(stats.at("/files/count").asLong()).isEqualTo(1);
        assertThat(stats.at("/files/total_bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(stats.at("/files/total_events").asLong()).isEqualTo(lines);
        assertThat(stats.at("/files/newest").asText()).isEqualTo("20260101000010.event-ingest.txt");
        assertThat(stats.at("/ticks/last").asText()).isEqualTo(FIRST.toString());
        assertThat(stats.at("/ticks/next").asText()).isEqualTo("2026-01-01T00:00:20Z");
        assertThat(stats.at("/ticks/run").asLong()).isEqualTo(1);
        assertThat(stats.at("/ticks/failed").asLong()).isZero();
        assertThat(stats.at("/ticks/skipped").asLong()).isZero();
        assertThat(stats.at("/events_generated/total").asLong()).isEqualTo(lines);
        long byType = 0;
        for (EventType type : EventType.values()) {
            final long count = stats.at("/events_generated/" + type.label()).asLong();
            // The lines carry the type's wire code.
            assertThat(count).as(type.label()).isEqualTo(Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("{\"event_type\":" + type.code() + ",")).count());
            byType += count;
        }
        assertThat(byType).isEqualTo(lines);
        // The answer comes from memory: the same as a fresh scan of the directory.
        assertThat(EventFileIndex.scan(generator.eventsDir).summary().events()).isEqualTo(lines);
    }

    @Test
    void aPausedGeneratorSaysSoAndCountsThePassedBoundaries() {
        generator.start();
        generator.loop.pause();
        generator.tickAt(FIRST);

        final JsonNode stats = get();
        assertThat(stats.at("/generator/paused").asBoolean()).isTrue();
        assertThat(stats.at("/ticks/paused").asLong()).isEqualTo(1);
        assertThat(stats.at("/ticks/run").asLong()).isZero();
        assertThat(stats.at("/files/count").asLong()).isZero();
    }
}
