package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.Range;

/** The seed's flat {@code [server]} section: the application connector. */
public class ServerSettings {

    @NotBlank
    @JsonProperty("host")
    private String host = "0.0.0.0";

    /** 0 binds an ephemeral port (tests). */
    @Range(min = 0, max = 65535)
    @JsonProperty("port")
    private int port = 8080;

    @Range(min = 1, max = 3600)
    @JsonProperty("read_timeout")
    private int readTimeout = 30;

    @Range(min = 1, max = 3600)
    @JsonProperty("write_timeout")
    private int writeTimeout = 30;

    @Range(min = 1, max = 86400)
    @JsonProperty("idle_timeout")
    private int idleTimeout = 120;

    /**
     * Seconds the whole stop may take: requests in flight, the tick in progress, the delivery drain
     * ({@link StopBudget}).
     */
    @Range(min = 1, max = 300)
    @JsonProperty("shutdown_grace_period")
    private int shutdownGracePeriod = 30;

    /** Threads of the application connector (acceptors and selectors included). */
    @Range(min = 8, max = 1024)
    @JsonProperty("max_threads")
    private int maxThreads = 32;

    /** Application requests handled at once; more wait without a thread, up to max_queued_requests. */
    @Range(min = 1, max = 1024)
    @JsonProperty("max_requests")
    private int maxRequests = 8;

    /** Application requests waiting for a turn; beyond, or after read_timeout waiting, 503. */
    @Range(min = 0, max = 100000)
    @JsonProperty("max_queued_requests")
    private int maxQueuedRequests = 1024;

    public int getMaxThreads() {
        return maxThreads;
    }

    public int getMaxRequests() {
        return maxRequests;
    }

    public int getMaxQueuedRequests() {
        return maxQueuedRequests;
    }

    public int getShutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public int getReadTimeout() {
        return readTimeout;
    }

    public int getWriteTimeout() {
        return writeTimeout;
    }

    public int getIdleTimeout() {
        return idleTimeout;
    }
}
