package org.eventingest.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.function.Function;

/** Plugs {@link TomlConfigurationFactory} into Dropwizard's bootstrap. */
public final class TomlConfigurationFactoryFactory<T> implements ConfigurationFactoryFactory<T> {

    private final Map<String, String> environment;
    private final Function<EventIngestSettings, T> toConfiguration;

    public TomlConfigurationFactoryFactory(Map<String, String> environment,
                                           Function<EventIngestSettings, T> toConfiguration) {
        this.environment = Map.copyOf(environment);
        this.toConfiguration = toConfiguration;
    }

    @Override
    public ConfigurationFactory<T> create(Class<T> klass, Validator validator, ObjectMapper objectMapper,
                                          String propertyPrefix) {
        return new TomlConfigurationFactory<>(objectMapper, environment, toConfiguration);
    }
}
