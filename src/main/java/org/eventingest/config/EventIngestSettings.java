package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

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

    /** {@code key=value (source)} of each key not set by the file; see {@link SettingOrigins}. */
    @Valid
    @NotNull
    @JsonProperty("output")
    private OutputSettings output = new OutputSettings();

    @Valid
    @NotNull
    @JsonProperty("kafka")
    private KafkaSettings kafka = new KafkaSettings();

    @JsonIgnore
    private List<String> origins = List.of();

    @JsonIgnore
    public List<String> getOrigins() {
        return origins;
    }

    void setOrigins(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    @JsonIgnore
    @ValidationMethod(message = "output.kind = \"kafka\" needs kafka.bootstrap_servers (host:port[,host:port]) and "
            + "kafka.topic")
    public boolean isKafkaComplete() {
        return output == null || kafka == null || !output.isKafka()
                || kafka.getBootstrapServers().isPresent() && !kafka.getTopic().isEmpty();
    }

    public OutputSettings getOutput() {
        return output;
    }

    public KafkaSettings getKafka() {
        return kafka;
    }

    @JsonIgnore
    @ValidationMethod(message = "admin.port must differ from server.port (one port cannot serve "
            + "both connectors; 0 picks a free one for each)")
    public boolean isPortsDistinct() {
        return server == null || admin == null || server.getPort() == 0 || server.getPort() != admin.getPort();
    }

    @JsonIgnore
    @ValidationMethod(message = "server.host and admin.host must be addresses or names that "
            + "resolve on this machine (e.g. 0.0.0.0, 127.0.0.1)")
    public boolean isHostsResolvable() {
        return server == null || admin == null || resolves(server.getHost()) && resolves(admin.getHost());
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

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
