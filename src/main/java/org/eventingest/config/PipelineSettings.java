package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.hibernate.validator.constraints.Range;

/** {@code [pipeline]}: where pipeline-apid is and how many shards a file is registered for. */
public class PipelineSettings {

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
