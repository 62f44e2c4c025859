package org.eventingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment variables that override keys of the file, applied to the parsed tree before it
 * is bound and validated, so that an override is checked by exactly the same rules as the file.
 * Every key has one, by one rule: {@code EVENT_INGEST_<SECTION>_<KEY>} in upper case
 * ({@code world.shops} is {@code EVENT_INGEST_WORLD_SHOPS}, {@code events.mix.purchase} is
 * {@code EVENT_INGEST_EVENTS_MIX_PURCHASE}); the original specification's names ({@code SERVER_PORT},
 * {@code PIPELINE_URL}, {@code PIPELINE_SHARDS_COUNT}, {@code SHARED_DIR}) and the container's
 * {@code ADMIN_TOKEN}, {@code ADMIN_HOST}, {@code ADMIN_PORT} work too. A variable that names no key is an unknown key,
 * as a typo in the file is.
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
            new Override("ADMIN_TOKEN", "admin", "token", Kind.STRING),
            new Override("ADMIN_HOST", "admin", "host", Kind.STRING),
            new Override("ADMIN_PORT", "admin", "port", Kind.INTEGER));

    /** The prefix of the rule's variables. */
    public static final String PREFIX = "EVENT_INGEST_";
    private static final List<String> SECTIONS = List.of("server", "admin", "events", "logging", "pipeline", "storage",
            "world", "anomalies", "output", "kafka");
    /** Tables inside a section, longest first. */
    private static final List<String> TABLES = List.of("events_mix");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

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
        new TreeMap<>(environment).forEach((variable, raw) -> {
            if (variable.startsWith(PREFIX) && raw != null) {
                applyRule(root, variable, raw.trim(), applied, errors);
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return applied;
    }

    /**
     * {@code EVENT_INGEST_<SECTION>_<KEY>}: the value typed as TOML would type it (integer, decimal, boolean, string).
     */
    private static void applyRule(ObjectNode root, String variable, String value, Map<String, String> applied,
                                  List<String> errors) {
        final String rest = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        final String section = SECTIONS.stream().filter(name -> rest.startsWith(name + "_")).findFirst().orElse(null);
        if (section == null) {
            errors.add(variable + " names no key: the rule is " + PREFIX + "<SECTION>_<KEY> with a section of "
                    + SECTIONS);
            return;
        }
        final String table = TABLES.stream().filter(name -> rest.startsWith(name + "_")).findFirst().orElse(null);
        final List<String> path = new ArrayList<>(List.of(section));
        if (table != null) {
            path.add(table.substring(section.length() + 1));
        }
        final String key = rest.substring(String.join("_", path).length() + 1);
        ObjectNode node = root;
        for (String step : path) {
            final JsonNode existing = node.get(step);
            if (existing != null && !existing.isObject()) {
                errors.add(step + " must be a table to take " + variable);
                return;
            }
            node = existing == null ? node.putObject(step) : (ObjectNode) existing;
        }
        if (INTEGER.matcher(value).matches()) {
            node.put(key, Long.parseLong(value));
        } else if (DECIMAL.matcher(value).matches()) {
            node.put(key, new BigDecimal(value));
        } else if (value.equals("true") || value.equals("false")) {
            node.put(key, Boolean.parseBoolean(value));
        } else {
            node.put(key, value);
        }
        applied.put(String.join(".", path) + "." + key, variable + "=" + (key.contains("token") ? "(hidden)" : value));
    }

    /** The variables this service reads, for documentation and error messages. */
    public static List<String> variables() {
        return OVERRIDES.stream().map(Override::variable).toList();
    }
}
