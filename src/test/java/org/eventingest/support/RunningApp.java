package org.eventingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpChannelState;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eventingest.EventIngestApplication;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.config.StopBudget;
import org.eventingest.core.ManualClock;

/**
 * The whole application on random loopback ports, with a controllable clock, a temporary shared
 * directory and a TOML file written by the test.
 */
public final class RunningApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@link #withPipeline} replaces with the stand-in's URL in the TOML body. */
    public static final String PIPELINE_URL = "${pipeline.url}";

    /**
     * How long {@link #close()} lets the application stop: the configs' {@code shutdown_grace_period = 5}
     * for the whole stop (Jetty's graceful phase, then the managed objects'), plus a margin for a loaded machine.
     */
    static final Duration STOP_BUDGET = Duration.ofSeconds(15);

    /** The configs' {@code server.shutdown_grace_period}. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(5);

    /** Jetty's graceful phase of a stop: its share of the grace period ({@link StopBudget}). */
    private static final Duration GRACE = StopBudget.of((int) GRACE_PERIOD.toSeconds()).requests();

    /** How long {@link #close()} still waits, after an overrun, for the rest of the stop to release the ports. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(30);

    public final ManualClock clock;
    private PipelineStandIn pipeline;
    public final Path sharedDir;
    public final Path eventsDir;
    private final DropwizardTestSupport<EventIngestConfiguration> support;
    private final Duration stopBudget;
    private volatile Server server;
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
        this(start, sharedDir, serverKeys, adminKeys, tomlBody, STOP_BUDGET, environment -> { });
    }

    /**
     * As above, with {@code extra} called on the environment after the application's own {@code run()}
     * (to plant a managed object), and {@link #close()} failing when the stop overruns {@code stopBudget}.
     */
    RunningApp(Instant start, Path sharedDir, String serverKeys, String adminKeys, String tomlBody,
               Duration stopBudget, Consumer<Environment> extra) throws Exception {
        this.stopBudget = stopBudget;
        this.clock = new ManualClock(start);
        this.sharedDir = sharedDir;
        this.eventsDir = sharedDir.resolve("events");
        final Path config = Files.createTempFile("event-ingest-test", ".toml");
        Files.writeString(config, """
                [server]
                host = "127.0.0.1"
                port = 0
                shutdown_grace_period = %d
                %s

                [admin]
                %sport = 0
                %s

                [logging]
                level = "WARN"
                format = "text"

                [storage]
                shared_dir = "%s"

                """.formatted(GRACE_PERIOD.toSeconds(), serverKeys,
                adminKeys.contains("host =") ? "" : "host = \"127.0.0.1\"\n", adminKeys,
                sharedDir.toString().replace("\\", "\\\\")) + tomlBody);
        support = new DropwizardTestSupport<>(EventIngestApplication.class, config.toString()) {
            @Override
            public Application<EventIngestConfiguration> newApplication() {
                return new EventIngestApplication(clock, Map.of()) {
                    @Override
                    public void run(EventIngestConfiguration configuration, Environment environment)
                            throws Exception {
                        super.run(configuration, environment);
                        environment.lifecycle().addServerLifecycleListener(started -> server = started);
                        extra.accept(environment);
                    }
                };
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

    /** {@code path} on the application connector. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + support.getLocalPort() + path);
    }

    /** {@code path} on the admin connector (on loopback, whatever its host). */
    public URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + support.getAdminPort() + path);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Answer admin(String path) {
        return send(HttpRequest.newBuilder(adminUri(path)).GET());
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
        Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> get("/api/v1/events/stats").json().at("/ticks/next").asText().equals(boundary.toString()));
        clock.set(boundary);
        Awaitility.await().atMost(10, TimeUnit.SECONDS)
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
     * Stops the application, as a TERM would, then the stand-in. A stop that overruns its budget
     * ({@link #STOP_BUDGET}) or Jetty's graceful phase (its share of {@code shutdown_grace_period}) fails the test with
     * an {@link AssertionError} naming where the stop was stuck; the ports and the stand-in are released
     * either way (an overrunning stop is interrupted and waited for up to 30 s more).
     */
    @Override
    public void close() {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        // Jetty does not bound a managed object's stop(): run it aside to see it overrun.
        final Thread stopper = new Thread(() -> {
            try {
                support.after();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "RunningApp-stop");
        final long started = System.nanoTime();
        try {
            stopper.start();
            // What is still open just before the graceful phase runs out is what makes it run out.
            stopper.join(Math.min(GRACE.minusMillis(300).toMillis(), stopBudget.toMillis()));
            final String openNearGraceEnd = openEndpoints();
            final long inFlightNearGraceEnd = requestsInFlight();
            stopper.join(Math.max(1, stopBudget.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis()));
            if (stopper.isAlive()) {
                final StackTraceElement[] stuck = stopper.getStackTrace();
                stopper.interrupt();
                stopper.join(RELEASE_WAIT.toMillis());
                throw overran(stuck, Duration.ofNanos(System.nanoTime() - started));
            }
            final Throwable stopFailure = failure.get();
            final boolean graceOverran = stopFailure != null && stopFailure.getCause() instanceof TimeoutException;
            final Throwable e = graceOverran && inFlightNearGraceEnd == 0 ? null : stopFailure;
            // Only the test's own idle keep-alive connections (the JDK client cannot be closed on Java 17)
            // may keep Jetty's graceful phase waiting; a request still being handled fails the test.
            if (e != null && graceOverran) {
                throw new AssertionError("Jetty's graceful stop overran its share of server.shutdown_grace_period ("
                        + GRACE.toMillis() + " ms; the whole stop took " + Duration.ofNanos(System.nanoTime()
                        - started).toMillis() + " ms); open " + GRACE.minusMillis(300).toMillis()
                        + " ms into it: " + openNearGraceEnd, e);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the application", e);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    /** The failure for a stop still running after its budget, naming the frame it was stuck in. */
    private AssertionError overran(StackTraceElement[] stuck, Duration took) {
        final String where = Arrays.stream(stuck)
                .filter(frame -> frame.getClassName().startsWith("org.eventingest.")
                        && !frame.getClassName().equals(RunningApp.class.getName()))
                .findFirst()
                .or(() -> Arrays.stream(stuck).filter(frame -> !frame.getClassName().startsWith("java.")).findFirst())
                .map(RunningApp::frame)
                .orElse("(no frame)");
        final Throwable stack = new Throwable("the stopping thread's stack at " + stopBudget.toMillis() + " ms");
        stack.setStackTrace(stuck);
        return new AssertionError("the application did not stop within " + stopBudget.toMillis() + " ms: still in "
                + where + " (stopped after " + took.toMillis() + " ms, interrupted); the application's threads "
                + "still running: " + liveThreads(), stack);
    }

    /** The connections each connector still holds, as Jetty describes them. */
    /** Connections with a request being handled (not idle keep-alives). */
    private long requestsInFlight() {
        final Server jetty = server;
        if (jetty == null) {
            return 0;
        }
        return Arrays.stream(jetty.getConnectors())
                .flatMap(connector -> connector.getConnectedEndPoints().stream())
                .map(EndPoint::getConnection)
                .filter(connection -> connection instanceof HttpConnection http
                        && http.getHttpChannel() instanceof HttpChannelState channel && channel.getRequest() != null)
                .count();
    }

    private String openEndpoints() {
        final Server jetty = server;
        if (jetty == null) {
            return "(no server)";
        }
        return Arrays.stream(jetty.getConnectors())
                .map(connector -> connector.getName() + " " + connector.getConnectedEndPoints())
                .collect(Collectors.joining("; "));
    }

    /** The threads besides the JVM's and JUnit's, with their top frame: what a hung stop may wait for. */
    private static String liveThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith("org.eventingest.")))
                .filter(entry -> entry.getKey() != Thread.currentThread()
                        && !entry.getKey().getName().equals("RunningApp-stop"))
                .map(entry -> entry.getKey().getName() + " in " + (entry.getValue().length == 0 ? "?"
                        : frame(entry.getValue()[0])))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String frame(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }
}
