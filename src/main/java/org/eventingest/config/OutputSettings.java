package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotNull;

/** {@code [output]}: where the ticks go. */
public class OutputSettings {

    /** The two outputs: a file per tick in {@code $SHARED_DIR/events} (the contract), or a Kafka transaction. */
    public enum Kind {
        FILES("files"), KAFKA("kafka");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }

    @NotNull
    @JsonProperty("kind")
    private Kind kind = Kind.FILES;

    public Kind getKind() {
        return kind;
    }

    public boolean isKafka() {
        return kind == Kind.KAFKA;
    }
}
