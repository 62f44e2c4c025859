package org.eventingest.config;

import io.dropwizard.configuration.ConfigurationException;
import java.util.Collection;

/** A configuration that cannot be used, with one line per problem. */
public final class ConfigurationError extends ConfigurationException {
    private static final long serialVersionUID = 1L;


    ConfigurationError(String path, Collection<String> errors) {
        super(path, errors);
    }

    ConfigurationError(String path, Collection<String> errors, Throwable cause) {
        super(path, errors, cause);
    }
}
