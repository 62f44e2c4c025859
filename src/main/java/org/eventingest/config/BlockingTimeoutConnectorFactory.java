package org.eventingest.config;

import io.dropwizard.jetty.HttpConnectorFactory;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * An HTTP connector whose blocking reads and writes of request and response content time out.
 * Jetty 12 has one such timeout ({@link HttpConfiguration#setIdleTimeout}) beside the connector's
 * idle timeout; Dropwizard does not expose it.
 */
final class BlockingTimeoutConnectorFactory extends HttpConnectorFactory {

    private final long blockingTimeoutMillis;

    BlockingTimeoutConnectorFactory(long blockingTimeoutMillis) {
        this.blockingTimeoutMillis = blockingTimeoutMillis;
    }

    @Override
    protected HttpConfiguration buildHttpConfiguration() {
        final HttpConfiguration configuration = super.buildHttpConfiguration();
        configuration.setIdleTimeout(blockingTimeoutMillis);
        return configuration;
    }
}
