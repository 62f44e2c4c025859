package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code [output]}: where the ticks go. */
public class OutputSettings {

    /**
     * {@code files}: a file per tick in {@code $SHARED_DIR/events}, announced to pipeline-apid (the contract);
     * {@code kafka}: one Kafka transaction per tick ({@code [kafka]}).
     */
    @NotNull
    @Pattern(regexp = "files|kafka", message = "must be \"files\" or \"kafka\"")
    @JsonProperty("kind")
    private String kind = "files";

    public String getKind() {
        return kind;
    }

    @JsonIgnore
    public boolean isKafka() {
        return "kafka".equals(kind);
    }
}
