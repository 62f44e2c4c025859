package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The whole TOML file, section by section, as the operator writes it. */
public class EventIngestSettings {

    @Valid
    @NotNull
    @JsonProperty("server")
    private ServerSettings server = new ServerSettings();

    @Valid
    @NotNull
    @JsonProperty("admin")
    private AdminSettings admin = new AdminSettings();

    @Valid
    @NotNull
    @JsonProperty("events")
    private EventsSettings events = new EventsSettings();

    @Valid
    @NotNull
    @JsonProperty("logging")
    private LoggingSettings logging = new LoggingSettings();

    @Valid
    @NotNull
    @JsonProperty("pipeline")
    private PipelineSettings pipeline = new PipelineSettings();

    @Valid
    @NotNull
    @JsonProperty("storage")
    private StorageSettings storage = new StorageSettings();

    @Valid
    @NotNull
    @JsonProperty("world")
    private WorldSettings world = new WorldSettings();

    @Valid
    @NotNull
    @JsonProperty("anomalies")
    private AnomalySettings anomalies = new AnomalySettings();

    public WorldSettings getWorld() {
        return world;
    }

    public AnomalySettings getAnomalies() {
        return anomalies;
    }

    public ServerSettings getServer() {
        return server;
    }

    public AdminSettings getAdmin() {
        return admin;
    }

    public EventsSettings getEvents() {
        return events;
    }

    public LoggingSettings getLogging() {
        return logging;
    }

    public PipelineSettings getPipeline() {
        return pipeline;
    }

    public StorageSettings getStorage() {
        return storage;
    }
}
