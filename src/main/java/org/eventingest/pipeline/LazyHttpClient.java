package org.eventingest.pipeline;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.client.HttpClientBuilder;
import io.dropwizard.client.HttpClientConfiguration;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * An HTTP client built on its first use and closed on stop. Building one loads some 500 classes
 * (Apache HttpClient, the TLS trust store) that nothing needs before the first file is announced,
 * so it stays off the start path: the first call pays for it, on the sender's thread.
 */
public final class LazyHttpClient implements Supplier<CloseableHttpClient>, Managed {

    private final Supplier<CloseableHttpClient> factory;
    private CloseableHttpClient client;
    private boolean stopped;

    public LazyHttpClient(Supplier<CloseableHttpClient> factory) {
        this.factory = factory;
    }

    /** A client with one timeout for connecting, leasing a connection and reading; no retries. */
    public static LazyHttpClient of(MetricRegistry metrics, String name, int timeoutSeconds) {
        return new LazyHttpClient(() -> {
            final HttpClientConfiguration http = new HttpClientConfiguration();
            http.setTimeout(Duration.seconds(timeoutSeconds));
            http.setConnectionTimeout(Duration.seconds(timeoutSeconds));
            http.setConnectionRequestTimeout(Duration.seconds(timeoutSeconds));
            http.setRetries(0);
            return new HttpClientBuilder(metrics).using(http).build(name);
        });
    }

    /** The client, built now if this is the first use; after {@link #stop()}, an error. */
    @Override
    public synchronized CloseableHttpClient get() {
        if (stopped) {
            throw new IllegalStateException("the HTTP client is closed");
        }
        if (client == null) {
            client = factory.get();
        }
        return client;
    }

    @Override
    public synchronized void stop() throws IOException {
        stopped = true;
        if (client != null) {
            client.close();
        }
    }
}
