package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.OneOf;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed's {@code [logging]}: a root level and a stdout format. */
public class LoggingSettings {

    @OneOf(value = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"}, ignoreCase = true)
    @JsonProperty("level")
    private String level = "INFO";

    @OneOf(value = {"json", "text"}, ignoreCase = true)
    @JsonProperty("format")
    private String format = "json";

    /** Per-logger levels, for example {@code "org.eclipse.jetty" = "WARN"} (quote dotted names). */
    @NotNull
    @JsonProperty("loggers")
    private Map<String, @OneOf(value = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"}, ignoreCase = true) String>
            loggers = new LinkedHashMap<>();

    public String getLevel() {
        return level;
    }

    public String getFormat() {
        return format;
    }

    public boolean isJson() {
        return "json".equalsIgnoreCase(format);
    }

    public Map<String, String> getLoggers() {
        return loggers;
    }
}
