package org.eventingest;

import io.dropwizard.core.Configuration;
import org.eventingest.config.DropwizardMapping;
import org.eventingest.config.EventIngestSettings;

/**
 * Dropwizard's view of {@link EventIngestSettings}: server and logging built from the original specification's flat
 * keys.
 */
public class EventIngestConfiguration extends Configuration {

    private final EventIngestSettings settings;

    public EventIngestConfiguration(EventIngestSettings settings) {
        this.settings = settings;
        setServerFactory(DropwizardMapping.serverFactory(settings.getServer(), settings.getAdmin(),
                settings.getLogging()));
        setLoggingFactory(DropwizardMapping.loggingFactory(settings.getLogging()));
    }

    public EventIngestSettings getSettings() {
        return settings;
    }
}
