package org.eventingest.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eventingest.core.EventType;
import org.eventingest.tick.Rate;
import org.eventingest.tick.TickLoop;
import org.eventingest.files.EventFileIndex;
import org.eventingest.files.EventFileNames;
import org.eventingest.tick.EventTickJob;
import org.eventingest.pipeline.DeliveryStatus;
import org.eventingest.pipeline.PipelineDelivery;

/** {@code GET /api/v1/events/stats}: a summary from memory, never a scan of the directory. */
@Path("/api/v1/events/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {

    /** Files in the events directory. */
    public record Files(@JsonProperty("count") long count,
                        @JsonProperty("total_bytes") long totalBytes,
                        @JsonProperty("total_events") long totalEvents,
                        @JsonProperty("newest") String newest) {
    }

    /** The schedule. */
    public record Ticks(@JsonProperty("interval_seconds") long intervalSeconds,
                        @JsonProperty("last") String last,
                        @JsonProperty("next") String next,
                        @JsonProperty("run") long run,
                        @JsonProperty("skipped") long skipped,
                        @JsonProperty("paused") long paused,
                        @JsonProperty("failed") long failed,
                        @JsonProperty("collisions") long collisions,
                        @JsonProperty("write_failures") long writeFailures,
                        @JsonProperty("behind") long behind,
                        @JsonProperty("clock_behind_seconds") Long clockBehindSeconds) {
    }

    /** Delivery to pipeline-apid. */
    public record Pipeline(@JsonProperty("enabled") boolean enabled,
                           @JsonProperty("calls_sent") long callsSent,
                           @JsonProperty("calls_failed") long callsFailed,
                           @JsonProperty("backlog") long backlog,
                           @JsonProperty("oldest_unannounced") String oldestUnannounced,
                           @JsonProperty("parked") Map<String, String> parked,
                           @JsonProperty("last_error") String lastError) {
    }

    /** What an operator can change at runtime. */
    public record Generator(@JsonProperty("paused") boolean paused,
                            @JsonProperty("events_per_batch") int eventsPerBatch,
                            @JsonProperty("max_batch_size") int maxBatchSize,
                            @JsonProperty("generation_interval") long generationInterval,
                            @JsonProperty("batch") String batch,
                            @JsonProperty("events_per_second") double eventsPerSecond) {
    }

    public record Stats(@JsonProperty("events_dir") String eventsDir,
                        @JsonProperty("generator") Generator generatorState,
                        @JsonProperty("files") Files files,
                        @JsonProperty("ticks") Ticks ticks,
                        @JsonProperty("events_generated") Map<String, Long> eventsGenerated,
                        @JsonProperty("pipeline") Pipeline pipeline) {
    }

    private final java.nio.file.Path eventsDir;
    private final EventFileIndex index;
    private final TickLoop generator;
    private final EventTickJob ticks;
    /** Null when {@code pipeline.enabled} is false. */
    private final PipelineDelivery delivery;

    public StatsResource(java.nio.file.Path eventsDir, EventFileIndex index, TickLoop generator, EventTickJob ticks,
                         PipelineDelivery delivery) {
        this.eventsDir = eventsDir;
        this.index = index;
        this.generator = generator;
        this.ticks = ticks;
        this.delivery = delivery;
    }

    /** ISO-8601 in UTC, or null. */
    private static String iso(java.util.Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    @GET
    public Stats stats() {
        final EventFileIndex.Summary summary = index.summary();
        final Map<String, Long> byType = new LinkedHashMap<>();
        final Map<EventType, Long> generated = ticks.generatedByType();
        long total = 0;
        for (EventType type : EventType.values()) {
            byType.put(type.label(), generated.get(type));
            total += generated.get(type);
        }
        byType.put("total", total);
        final Rate rate = generator.rate();
        return new Stats(eventsDir.toString(),
                new Generator(generator.isPaused(), rate.eventsPerBatch(), rate.maxBatchSize(),
                        rate.interval().toSeconds(), rate.batchName(), rate.eventsPerSecond()),
                new Files(summary.files(), summary.bytes(), summary.events(), summary.newest().orElse(null)),
                new Ticks(generator.interval().toSeconds(), iso(generator.lastBoundary()),
                        iso(generator.nextBoundary()), generator.ticksRun(), generator.ticksSkipped(), generator.ticksPaused(),
                        generator.ticksFailed(), ticks.collisions(), ticks.writeFailures(), ticks.ticksBehind(),
                        ticks.behindBy().map(java.time.Duration::toSeconds).orElse(null)),
                byType,
                delivery == null ? new Pipeline(false, 0, 0, 0, null, Map.of(), null) : pipeline(delivery.status()));
    }

    private static Pipeline pipeline(DeliveryStatus status) {
        return new Pipeline(true, status.callsSent(), status.callsFailed(), status.backlog(),
                status.oldestUnannounced().map(EventFileNames::published).orElse(null), status.parked(),
                status.lastError().orElse(null));
    }
}
