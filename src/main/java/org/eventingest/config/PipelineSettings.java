package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.hibernate.validator.constraints.Range;

/** {@code [pipeline]}: where pipeline-apid is and how many shards a file is registered for. */
public class PipelineSettings {

    /** false: files are written and never announced (no pipeline-apid, e.g. a load test of the files alone). */
    @JsonProperty("enabled")
    private boolean enabled = true;

    @NotNull
    @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an http:// or https:// URL without query")
    @JsonProperty("url")
    private String url = "http://pipeline-apid:8082/api/v1/pipeline";

    @Range(min = 1, max = 1024)
    @JsonProperty("shards_count")
    private int shardsCount = 2;

    /** Seconds for connecting, and for each pipeline-apid call as a whole. */
    @Range(min = 1, max = 300)
    @JsonProperty("timeout")
    private int timeout = 5;

    /** Upper bound of the wait before the first retry of a failed call; it doubles per retry. */
    @Range(min = 1, max = 60_000)
    @JsonProperty("retry_initial_delay_ms")
    private int retryInitialDelayMs = 500;

    /** Cap of the wait between retries. */
    @Range(min = 1, max = 3_600_000)
    @JsonProperty("retry_max_delay_ms")
    private int retryMaxDelayMs = 30_000;

    /** Seconds that the sender may keep announcing the backlog after a stop was asked. */
    @Range(min = 0, max = 20)
    @JsonProperty("drain_timeout")
    private int drainTimeout = 5;

    public boolean isEnabled() {
        return enabled;
    }

    @JsonIgnore
    @ValidationMethod(message = "pipeline.retry_initial_delay_ms must not exceed pipeline.retry_max_delay_ms")
    public boolean isRetryDelayOrdered() {
        return retryInitialDelayMs <= retryMaxDelayMs;
    }

    public int getRetryInitialDelayMs() {
        return retryInitialDelayMs;
    }

    public int getRetryMaxDelayMs() {
        return retryMaxDelayMs;
    }

    public int getDrainTimeout() {
        return drainTimeout;
    }

    public URI getUrl() {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public int getShardsCount() {
        return shardsCount;
    }

    public int getTimeout() {
        return timeout;
    }
}
