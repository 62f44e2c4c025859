package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.OptionalLong;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.Rate;
import org.hibernate.validator.constraints.Range;

/** {@code [events]}: what a tick generates and how often. */
public class EventsSettings {

    /** Largest request body the application port accepts, in bytes. */
    @Range(min = 1, max = 1_073_741_824)
    @JsonProperty("max_payload_size")
    private long maxPayloadSize = 1_048_576;

    /** Seconds a validation of the events directory (the writability probe) may take. */
    @Range(min = 1, max = 300)
    @JsonProperty("validation_timeout")
    private int validationTimeout = 5;

    @Range(min = 1, max = 100_000_000)
    @JsonProperty("max_batch_size")
    private int maxBatchSize = 1000;

    @Range(min = 1, max = 86_400)
    @JsonProperty("generation_interval")
    private int generationInterval = 10;

    @Range(min = 1, max = 100_000_000)
    @JsonProperty("events_per_batch")
    private int eventsPerBatch = 5;

    /** {@code uniform}: 1..N events per tick; {@code exact}: N, where N is min(events_per_batch, max_batch_size). */
    @OneOf({"uniform", "exact"})
    @JsonProperty("batch")
    private String batch = "uniform";

    /** Seed of the random source; absent means a fresh seed, logged at start. */
    @JsonProperty("seed")
    private Long seed;

    @Valid
    @NotNull
    @JsonProperty("mix")
    private MixSettings mix = new MixSettings();

    public MixSettings getMix() {
        return mix;
    }

    public long getMaxPayloadSize() {
        return maxPayloadSize;
    }

    public int getValidationTimeout() {
        return validationTimeout;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public int getGenerationInterval() {
        return generationInterval;
    }

    public int getEventsPerBatch() {
        return eventsPerBatch;
    }

    public BatchSize getBatch() {
        return BatchSize.named(batch);
    }

    /** The configured rate, as the tick loop and the tick job share it. */
    @JsonIgnore
    public Rate rate() {
        return new Rate(eventsPerBatch, maxBatchSize, Duration.ofSeconds(generationInterval), getBatch());
    }

    public OptionalLong getSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** A tick's maximum size: {@code min(events_per_batch, max_batch_size)}. */
    public int getEffectiveBatchMax() {
        return Math.min(eventsPerBatch, maxBatchSize);
    }
}
