package org.eventingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventingest.EventIngestApplication;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.core.ManualClock;

/**
 * The whole application on random loopback ports, with a controllable clock, a temporary shared
 * directory and a TOML file written by the test.
 */
public final class RunningApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@link #withPipeline} replaces with the stand-in's URL in the TOML body. */
    public static final String PIPELINE_URL = "${pipeline.url}";

    public final ManualClock clock;
    private PipelineStandIn pipeline;
    public final Path sharedDir;
    public final Path eventsDir;
    private final DropwizardTestSupport<EventIngestConfiguration> support;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A plain HTTP answer. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * @param tomlBody the file's tables besides [server], [admin], [logging] and [storage], which
     *                 this class sets for tests (random loopback ports, text logs, temporary dir)
     */
    public RunningApp(Instant start, Path sharedDir, String tomlBody) throws Exception {
        this(start, sharedDir, "", tomlBody);
    }

    /** As above, with {@code serverKeys} added to the [server] table. */
    public RunningApp(Instant start, Path sharedDir, String serverKeys, String tomlBody) throws Exception {
        this(start, sharedDir, serverKeys, "", tomlBody);
    }

    /** As above, with {@code adminKeys} added to the [admin] table. */
    public RunningApp(Instant start, Path sharedDir, String serverKeys, String adminKeys, String tomlBody)
            throws Exception {
        this.clock = new ManualClock(start);
        this.sharedDir = sharedDir;
        this.eventsDir = sharedDir.resolve("events");
        final Path config = Files.createTempFile("event-ingest-test", ".toml");
        Files.writeString(config, """
                [server]
                host = "127.0.0.1"
                port = 0
                shutdown_grace_period = 5
                %s

                [admin]
                %sport = 0
                %s

                [logging]
                level = "WARN"
                format = "text"

                [storage]
                shared_dir = "%s"

                """.formatted(serverKeys, adminKeys.contains("host =") ? "" : "host = \"127.0.0.1\"\n", adminKeys, sharedDir.toString().replace("\\", "\\\\")) + tomlBody);
        support = new DropwizardTestSupport<>(EventIngestApplication.class, config.toString()) {
            @Override
            public Application<EventIngestConfiguration> newApplication() {
                return new EventIngestApplication(clock, Map.of());
            }
        };
        support.before();
    }

    /**
     * Starts a {@link PipelineStandIn} on loopback, then the application with {@code tomlBody} in
     * which {@link #PIPELINE_URL} stands for the stand-in's URL; {@link #close()} stops both.
     */
    public static RunningApp withPipeline(Instant start, Path sharedDir, String tomlBody) throws Exception {
        final PipelineStandIn pipeline = new PipelineStandIn();
        try {
            final RunningApp app = new RunningApp(start, sharedDir, tomlBody.replace(PIPELINE_URL, pipeline.url()));
            app.pipeline = pipeline;
            return app;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    /** The stand-in for pipeline-apid, if the application was started {@link #withPipeline}. */
    public PipelineStandIn pipeline() {
        return pipeline;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + support.getLocalPort() + path)).GET());
    }

    public Answer admin(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + support.getAdminPort() + path)).GET());
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            final HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the generator is waiting for {@code boundary}, moves the clock there, and waits
     * until that tick has run.
     */
    public void tickAt(Instant boundary) {
        org.awaitility.Awaitility.await().atMost(10, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> get("/api/v1/events/stats").json().at("/ticks/next").asText().equals(boundary.toString()));
        clock.set(boundary);
        org.awaitility.Awaitility.await().atMost(10, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> get("/api/v1/events/stats").json().at("/ticks/last").asText().equals(boundary.toString()));
    }

    public int adminPort() {
        return support.getAdminPort();
    }

    public int port() {
        return support.getLocalPort();
    }

    /** Everything in the events directory, sorted by name. */
    public List<String> eventFiles() {
        if (!Files.isDirectory(eventsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(eventsDir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the application, as a TERM would, then the stand-in. A graceful stop that runs out of
     * time is reported, not thrown: these tests are about what the service does while it runs (the
     * entrypoint test checks a real stop).
     */
    @Override
    public void close() {
        try {
            support.after();
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                throw e;
            }
            System.err.println("RunningApp: graceful stop timed out: " + e);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }
}
