package org.eventingest.bench;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The baseline of {@link StartBenchmark}: the smallest Dropwizard application, default
 * configuration and one resource, {@code GET /ready}.
 */
public class MinimalApp extends Application<Configuration> {

    public static void main(String[] args) throws Exception {
        new MinimalApp().run(args);
    }

    @Path("/ready")
    public static class Ready {
        @GET
        public String ready() {
            return "ok";
        }
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new Ready());
    }
}
