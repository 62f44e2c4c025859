package org.eventingest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The answer of {@code GET /api/v1/events/stats}. */
public record Stats(@JsonProperty("events_dir") String eventsDir,
                    @JsonProperty("generator") Generator generatorState,
                    @JsonProperty("files") Files files,
                    @JsonProperty("ticks") Ticks ticks,
                    @JsonProperty("events_generated") Map<String, Long> eventsGenerated,
                    @JsonProperty("pipeline") Pipeline pipeline) {

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
}
