package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;

/** {@code [storage]}: the shared directory mounted into every service, and the service's own state. */
public class StorageSettings {

    @NotBlank
    @JsonProperty("shared_dir")
    private String sharedDir = "/shared";

    /** Where the delivery journal lives; consumers never read it. Default: {@code $SHARED_DIR/event-ingest-state}. */
    @JsonProperty("state_dir")
    private String stateDir;

    public Path getSharedDir() {
        return Path.of(sharedDir);
    }

    /** Where the event files go: {@code $SHARED_DIR/events}. */
    public Path getEventsDir() {
        return getSharedDir().resolve("events");
    }

    public Path getStateDir() {
        return stateDir == null || stateDir.isBlank()
                ? getSharedDir().resolve("event-ingest-state") : Path.of(stateDir);
    }

    @JsonIgnore
    @ValidationMethod(message = "storage.state_dir must not be inside $SHARED_DIR/events, which consumers read")
    public boolean isStateDirOutsideEvents() {
        final Path events = getEventsDir().toAbsolutePath().normalize();
        return !getStateDir().toAbsolutePath().normalize().startsWith(events);
    }
}
