package org.eventingest.config;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import io.dropwizard.configuration.BaseConfigurationFactory;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the TOML file into {@link EventIngestSettings}: strict binding (unknown keys, fractions
 * for integers and missing tables are errors), environment overrides, validation with the
 * file's key names; then maps the settings onto a Dropwizard configuration.
 *
 * @param <T> the Dropwizard configuration built from the settings
 */
public final class TomlConfigurationFactory<T> implements ConfigurationFactory<T> {

    private final SettingsFactory settingsFactory;
    private final Function<EventIngestSettings, T> toConfiguration;

    public TomlConfigurationFactory(ObjectMapper baseMapper, Map<String, String> environment,
                                    Function<EventIngestSettings, T> toConfiguration) {
        final ObjectMapper mapper = baseMapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        final Validator validator = Validators.newConfiguration()
                .propertyNodeNameProvider(new JsonPropertyNodeNames(mapper))
                .buildValidatorFactory()
                .getValidator();
        this.settingsFactory = new SettingsFactory(mapper, validator, new EnvironmentOverrides(environment));
        this.toConfiguration = toConfiguration;
    }

    @Override
    public T build(ConfigurationSourceProvider provider, String path) throws IOException, ConfigurationException {
        try {
            return toConfiguration.apply(settingsFactory.build(provider, path));
        } catch (StreamReadException e) {
            // The TOML parser's own errors are not JsonParseExceptions: Dropwizard does not wrap them.
            final var location = e.getLocation();
            final String where = location == null ? "" : " at line " + location.getLineNr()
                    + ", column " + location.getColumnNr();
            throw new ConfigurationError(path, List.of("TOML syntax error" + where + ": " + e.getOriginalMessage()), e);
        } catch (CharConversionException e) {
            throw new ConfigurationError(path, List.of("the file is not UTF-8 text (" + e.getMessage()
                    + "): save it as UTF-8"), e);
        }
    }

    @Override
    public T build() throws IOException, ConfigurationException {
        return toConfiguration.apply(settingsFactory.build());
    }

    private static final class SettingsFactory extends BaseConfigurationFactory<EventIngestSettings> {
        private final EnvironmentOverrides overrides;
        private final ObjectMapper mapper;

        SettingsFactory(ObjectMapper mapper, Validator validator, EnvironmentOverrides overrides) {
            super(new TomlFactory(), "TOML", EventIngestSettings.class, validator, mapper, "dw");
            this.overrides = overrides;
            this.mapper = mapper;
        }

        @Override
        protected EventIngestSettings build(JsonNode node, String path) throws IOException, ConfigurationException {
            if (!(node instanceof ObjectNode root)) {
                throw new ConfigurationError(path, List.of("the file must hold TOML tables"));
            }
            final JsonNode fromFile = root.deepCopy();
            final Map<String, String> applied;
            try {
                applied = overrides.apply(root);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationError(path, List.of(e.getMessage().split("\n")));
            }
            try {
                final EventIngestSettings settings = super.build(root, path);
                settings.setOrigins(SettingOrigins.notFromFile(fromFile, settings, applied, System.getProperties(),
                        mapper));
                return settings;
            } catch (ConfigurationValidationException e) {
                if (applied.isEmpty()) {
                    throw e;
                }
                throw new ConfigurationError(path, e.getErrors().stream()
                        .map(error -> withOrigin(error, applied))
                        .toList(), e);
            }
        }

        private static String withOrigin(String error, Map<String, String> applied) {
            return applied.entrySet().stream()
                    .filter(entry -> error.startsWith(entry.getKey() + " "))
                    .findFirst()
                    .map(entry -> error + " (set by environment variable " + entry.getValue() + ")")
                    .orElse(error);
        }
    }
}
