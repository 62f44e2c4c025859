package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;

/** {@code [storage]}: the shared directory mounted into every service of the pipeline. */
public class StorageSettings {

    @NotBlank
    @JsonProperty("shared_dir")
    private String sharedDir = "/shared";

    public Path getSharedDir() {
        return Path.of(sharedDir);
    }

    /** Where the event files go: {@code $SHARED_DIR/events}. */
    public Path getEventsDir() {
        return getSharedDir().resolve("events");
    }
}
