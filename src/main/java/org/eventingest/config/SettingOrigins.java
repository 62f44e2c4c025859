package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where each key's effective value came from when it was not the file: an environment variable,
 * a {@code -Ddw.} system property, or the default. The start line lists them, so that an operator
 * reading the log sees the configuration the service really runs with.
 */
public final class SettingOrigins {

    private SettingOrigins() {
    }

    /**
     * @param file        the file's tree, before any override
     * @param settings    the bound settings
     * @param environment the overrides applied, by key path, as {@code NAME=value}
     * @param system      the JVM's system properties ({@code dw.<key path>})
     * @return {@code key=value (source)} for every key not set by the file, in the settings' order
     */
    static List<String> notFromFile(JsonNode file, EventIngestSettings settings, Map<String, String> environment,
                                    Properties system, ObjectMapper mapper) {
        // The keys are the annotated fields only, not derived getters.
        final ObjectMapper fields = mapper.copy()
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        final List<String> origins = new ArrayList<>();
        walk("", fields.valueToTree(settings), file, environment, system, origins);
        return origins;
    }

    private static void walk(String path, JsonNode effective, JsonNode file, Map<String, String> environment,
                             Properties system, List<String> origins) {
        for (Map.Entry<String, JsonNode> field : effective.properties()) {
            final String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            final JsonNode inFile = file == null ? null : file.get(field.getKey());
            if (field.getValue().isObject() && !environment.containsKey(key)) {
                walk(key, field.getValue(), inFile, environment, system, origins);
                continue;
            }
            final String value = key.endsWith("token") && !field.getValue().isNull()
                    ? "(hidden)" : text(field.getValue());
            if (environment.containsKey(key)) {
                origins.add(key + "=" + value + " ("
                        + environment.get(key).substring(0, environment.get(key).indexOf('=')) + ")");
            } else if (system.containsKey("dw." + key)) {
                origins.add(key + "=" + value + " (-Ddw." + key + ")");
            } else if (inFile == null) {
                origins.add(key + "=" + value + " (default)");
            }
        }
    }

    private static String text(JsonNode value) {
        if (value.isNull()) {
            return "unset";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
