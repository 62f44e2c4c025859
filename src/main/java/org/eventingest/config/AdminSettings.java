package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.Range;

/** {@code [admin]}: the admin connector (metrics, health checks, thread dumps, tasks). */
public class AdminSettings {

    /** Loopback by default: Dropwizard's admin tasks are unauthenticated. */
    @NotBlank
    @JsonProperty("host")
    private String host = "127.0.0.1";

    @Range(min = 0, max = 65535)
    @JsonProperty("port")
    private int port = 8081;

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }
}
