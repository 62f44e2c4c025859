package org.eventingest.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eventingest.api.Stats;
import org.eventingest.core.EventType;
import org.eventingest.files.EventFileIndex;
import org.eventingest.files.EventFileNames;
import org.eventingest.pipeline.DeliveryStatus;
import org.eventingest.tick.JobStatus;
import org.eventingest.tick.LoopStatus;
import org.eventingest.tick.Rate;

/** {@code GET /api/v1/events/stats}: a summary from memory, never a scan of the directory. */
@Path("/api/v1/events/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {

    // CHECKSTYLE.OFF: InlineFullyQualifiedName - Path is the JAX-RS annotation here
    private final java.nio.file.Path eventsDir;
    // CHECKSTYLE.ON: InlineFullyQualifiedName
    private final Supplier<EventFileIndex.Summary> files;
    private final Supplier<LoopStatus> loop;
    private final Supplier<JobStatus> job;
    /** Empty when {@code pipeline.enabled} is false. */
    private final Supplier<Optional<DeliveryStatus>> delivery;

    /**
     * @param files    the index's summary of the events directory
     * @param loop     the tick loop's status
     * @param job      the tick job's status
     * @param delivery the delivery's status, empty when delivery is disabled
     */
    // CHECKSTYLE.OFF: InlineFullyQualifiedName - Path is the JAX-RS annotation here
    public StatsResource(java.nio.file.Path eventsDir, Supplier<EventFileIndex.Summary> files,
                         Supplier<LoopStatus> loop, Supplier<JobStatus> job,
                         Supplier<Optional<DeliveryStatus>> delivery) {
        // CHECKSTYLE.ON: InlineFullyQualifiedName
        this.eventsDir = eventsDir;
        this.files = files;
        this.loop = loop;
        this.job = job;
        this.delivery = delivery;
    }

    /** ISO-8601 in UTC, or null. */
    private static String iso(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    @GET
    public Stats stats() {
        final EventFileIndex.Summary summary = files.get();
        final LoopStatus generator = loop.get();
        final JobStatus ticks = job.get();
        final Map<String, Long> byType = new LinkedHashMap<>();
        long total = 0;
        for (EventType type : EventType.values()) {
            byType.put(type.label(), ticks.generatedByType().get(type));
            total += ticks.generatedByType().get(type);
        }
        byType.put("total", total);
        final Rate rate = generator.rate();
        return new Stats(eventsDir.toString(),
                new Stats.Generator(generator.paused(), rate.eventsPerBatch(), rate.maxBatchSize(),
                        rate.interval().toSeconds(), rate.batchName(), rate.eventsPerSecond()),
                new Stats.Files(summary.files(), summary.bytes(), summary.events(), summary.newest().orElse(null)),
                new Stats.Ticks(rate.interval().toSeconds(), iso(generator.last()), iso(generator.next()),
                        generator.run(), generator.skipped(), generator.pausedTicks(), generator.failed(),
                        ticks.collisions(), ticks.writeFailures(), ticks.behind(),
                        ticks.behindBy().map(Duration::toSeconds).orElse(null)),
                byType,
                delivery.get().map(StatsResource::pipeline)
                        .orElseGet(() -> new Stats.Pipeline(false, 0, 0, 0, null, Map.of(), null)));
    }

    private static Stats.Pipeline pipeline(DeliveryStatus status) {
        return new Stats.Pipeline(true, status.callsSent(), status.callsFailed(), status.backlog(),
                status.oldestUnannounced().map(EventFileNames::published).orElse(null), status.parked(),
                status.lastError().orElse(null));
    }
}
