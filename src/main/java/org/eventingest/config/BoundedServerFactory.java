package org.eventingest.config;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jetty.MutableServletContextHandler;
import jakarta.servlet.Servlet;
import jakarta.validation.Validator;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * Dropwizard's server with the application's concurrency bounded by Jetty's {@link QoSHandler}:
 * at most {@code max_requests} application requests run at once, up to {@code max_queued_requests}
 * more wait for a turn without holding a thread (for at most {@code read_timeout}), and the rest
 * are answered 503 at once. A flood of readers is refused instead of taking the generator's cores
 * or heap. {@code /health} and {@code /ready} are outside the bound, so that a flood never fails
 * the probes of the orchestrator; the admin connector has its own threads and is not bounded.
 */
final class BoundedServerFactory extends DefaultServerFactory {

    private final int maxRequests;
    private final int maxQueued;
    private final Duration maxWait;

    BoundedServerFactory(int maxRequests, int maxQueued, Duration maxWait) {
        this.maxRequests = maxRequests;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    @Override
    protected Handler createAppServlet(Server server, JerseyEnvironment jersey, ObjectMapper objectMapper,
                                       Validator validator, MutableServletContextHandler handler,
                                       Servlet jerseyContainer, MetricRegistry metricRegistry) {
        final QoSHandler bounded = new QoSHandler(super.createAppServlet(server, jersey, objectMapper, validator,
                handler, jerseyContainer, metricRegistry));
        bounded.setMaxRequestCount(maxRequests);
        bounded.setMaxSuspendedRequestCount(maxQueued);
        bounded.setMaxSuspend(maxWait);
        bounded.excludePath("/health", "/ready");
        return bounded;
    }
}
