package org.eventingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables that override keys of the file, applied to the parsed tree before it
 * is bound and validated, so that an override is checked by exactly the same rules as the file.
 */
public final class EnvironmentOverrides {

    private enum Kind { INTEGER, STRING }

    private record Override(String variable, String section, String key, Kind kind) {
        String keyPath() {
            return section + "." + key;
        }
    }

    private static final List<Override> OVERRIDES = List.of(
            new Override("SERVER_PORT", "server", "port", Kind.INTEGER),
            new Override("PIPELINE_URL", "pipeline", "url", Kind.STRING),
            new Override("PIPELINE_SHARDS_COUNT", "pipeline", "shards_count", Kind.INTEGER),
            new Override("SHARED_DIR", "storage", "shared_dir", Kind.STRING),
            new Override("ADMIN_TOKEN", "admin", "token", Kind.STRING));

    private final Map<String, String> environment;

    public EnvironmentOverrides(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Writes every set variable into {@code root}.
     *
     * @return the applied overrides by key path ({@code server.port}), as {@code NAME=value}
     * @throws IllegalArgumentException naming the variable and key when a value has the wrong type
     */
    public Map<String, String> apply(ObjectNode root) {
        final Map<String, String> applied = new LinkedHashMap<>();
        final List<String> errors = new ArrayList<>();
        for (Override override : OVERRIDES) {
            final String raw = environment.get(override.variable());
            if (raw == null) {
                continue;
            }
            final JsonNode existing = root.get(override.section());
            if (existing != null && !existing.isObject()) {
                errors.add(override.section() + " must be a table to take " + override.variable());
                continue;
            }
            final ObjectNode section = existing == null ? root.putObject(override.section()) : (ObjectNode) existing;
            final String value = raw.trim();
            if (override.kind() == Kind.INTEGER) {
                try {
                    section.put(override.key(), Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    errors.add(override.keyPath() + " must be an integer, but environment variable "
                            + override.variable() + " is '" + raw + "'");
                    continue;
                }
            } else {
                section.put(override.key(), value);
            }
            applied.put(override.keyPath(), override.variable() + "="
                    + (override.variable().endsWith("TOKEN") ? "(hidden)" : raw));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return applied;
    }

    /** The variables this service reads, for documentation and error messages. */
    public static List<String> variables() {
        return OVERRIDES.stream().map(Override::variable).toList();
    }
}
