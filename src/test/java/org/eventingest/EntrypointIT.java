package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventingest.support.JarProcess;
import org.eventingest.support.PipelineStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's entrypoint script, run for real with the built jar: TERM reaches the JVM, the
 * tick in progress is published whole, the JVM exits before the events directory is cleaned.
 */
class EntrypointIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PipelineStandIn pipeline;
    private Path shared;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        pipeline = new PipelineStandIn();
        shared = dir.resolve("shared");
        config = dir.resolve("event-ingest.toml");
        Files.writeString(config, """
                [server]
                host = "127.0.0.1"
                port = 0

                [admin]
                port = 0

                [events]
                generation_interval = 1
                events_per_batch = 2000

                [logging]
                format = "json"

                [pipeline]
                url = "%s"
                """.formatted(pipeline.url()));
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
    }

    private Process start(Map<String, String> env) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder("sh",
                JarProcess.projectRoot().resolve("docker/entrypoint.sh").toAbsolutePath().toString())
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(key -> key.equals("SERVER_PORT") || key.startsWith("PIPELINE_"));
        builder.environment().put("APP_JAR", JarProcess.jar().toAbsolutePath().toString());
        builder.environment().put("APP_CONFIG", config.toString());
        builder.environment().put("SHARED_DIR", shared.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private List<String> published() {
        final Path events = shared.resolve("events");
        if (!Files.isDirectory(events)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(events)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void termPublishesWholeFilesAnnouncesThemAndLeavesNothingTemporary() throws Exception {
        final Process script = start(Map.of("CLEAN_EVENTS_ON_EXIT", "false"));
        // Three files, and delivery under way (its client is built on the first call, seconds on a loaded machine).
        await().atMost(60, TimeUnit.SECONDS).until(() -> published().size() >= 3 && pipeline.requests().stream()
                .anyMatch(r -> r.path().endsWith("/stages/event-ingest/done")));
        script.destroy(); // SIGTERM to the script, which forwards it to the JVM
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();

        final List<String> files = published();
        assertThat(files).isNotEmpty().allMatch(name -> name.matches("^\\d{14}\\.event-ingest\\.txt$"));
        for (String name : files) {
            final String content = Files.readString(shared.resolve("events").resolve(name), StandardCharsets.UTF_8);
            assertThat(content).endsWith("\n");
            for (String line : content.split("\n")) {
                assertThat(JSON.readTree(line).get("payload").get("shop_id").asLong()).isPositive();
            }
        }
        final List<String> announced = pipeline.requests().stream()
                .filter(r -> r.path().endsWith("/stages/event-ingest/done")).map(PipelineStandIn.Request::filename)
                .toList();
        assertThat(announced).containsExactlyElementsOf(files.stream().map(name -> name.substring(0, 14)).toList());

        final List<String> stdout = Files.readAllLines(dir.resolve("stdout.log"));
        assertThat(stdout).isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).has("message")).isTrue());
        // One structured line per published file: its facts are JSON fields, not only text in the message.
        final var published = stdout.stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(node -> node.path("message").asText().startsWith("published ")).toList();
        assertThat(published).hasSizeGreaterThanOrEqualTo(files.size());
        assertThat(published).allSatisfy(node -> assertThat(node.fieldNames()).toIterable()
                .contains("file", "events", "bytes", "tick_duration_ms", "lateness_us"));
        assertThat(Files.readString(dir.resolve("stderr.log"))).contains("kept " + shared.resolve("events"));
    }

    @Test
    void theEventsDirectoryIsCleanedOnlyAfterTheJvmHasExited() throws Exception {
        final Process script = start(Map.of());
        await().atMost(60, TimeUnit.SECONDS).until(() -> published().size() >= 1);
        final ProcessHandle jvm = script.children().filter(child -> child.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow();

        script.destroy();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(jvm.isAlive()).isFalse();
        assertThat(Files.exists(shared.resolve("events"))).isFalse();
        assertThat(shared).exists();
        final String stderr = Files.readString(dir.resolve("stderr.log"));
        final int exited = stderr.indexOf("event-ingest (pid " + jvm.pid() + ") exited with status 143");
        final int cleaned = stderr.indexOf("cleaned " + shared.resolve("events"));
        assertThat(exited).as(stderr).isNotNegative();
        assertThat(cleaned).as(stderr).isGreaterThan(exited);
        assertThat(script.exitValue()).isEqualTo(143);
    }

    @Test
    void theOrdinalOfAStatefulSetsPodNameIsTheWorldsPartition() throws Exception {
        final Process script = start(Map.of("EVENT_INGEST_WORLD_PARTITION", "ordinal", "EVENT_INGEST_WORLD_PARTITIONS",
                "3", "HOSTNAME", "event-ingest-2", "CLEAN_EVENTS_ON_EXIT", "false"));
        final List<String> files;
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> published().stream()
                    .filter(name -> name.endsWith(".event-ingest.txt")).count() >= 2
                    && Files.readString(dir.resolve("stdout.log")).contains(" listening on "));
        } finally {
            script.destroy();
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        files = published().stream().filter(name -> name.matches("^\\d{14}\\.event-ingest\\.txt$")).toList();
        int lines = 0;
        for (String name : files) {
            for (String line : Files.readAllLines(shared.resolve("events").resolve(name), StandardCharsets.UTF_8)) {
                final var payload = JSON.readTree(line).get("payload");
                assertThat(payload.get("shop_id").asLong() % 3).as(line).isEqualTo(2);
                if (payload.has("user_id")) {
                    assertThat(payload.get("user_id").asLong() % 3).as(line).isEqualTo(2);
                    assertThat(payload.get("order_id").asLong() % 3).as(line).isEqualTo(2);
                }
                lines++;
            }
        }
        assertThat(lines).isPositive();
        assertThat(Files.readString(dir.resolve("stderr.log")))
                .contains("world partition 2 (the ordinal of hostname event-ingest-2)");
        assertThat(Files.readString(dir.resolve("stdout.log")))
                .contains("world.partition=2 (EVENT_INGEST_WORLD_PARTITION)");
        // The partitioned instance holds its events directory; the lock is a dotfile that consumers never list.
        assertThat(published()).contains(".event-ingest.lock");

        // A hostname without an ordinal stops the start before anything is created.
        final Process refused = start(Map.of("EVENT_INGEST_WORLD_PARTITION", "ordinal", "HOSTNAME", "event-ingest"));
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.log"))).contains("EVENT_INGEST_WORLD_PARTITION=ordinal needs "
                + "a hostname ending in -<number> (a StatefulSet pod's), not 'event-ingest'");
    }

    private static int status(String url, String token) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theHealthCheckFollowsThePortOverrideAndTheAdminPortOpensOnlyWithAToken() throws Exception {
        final int port = JarProcess.freePort();
        final int admin = JarProcess.freePort();
        final Process script = start(Map.of("SERVER_PORT", Integer.toString(port), "ADMIN_HOST", "0.0.0.0",
                "ADMIN_PORT", Integer.toString(admin), "ADMIN_TOKEN", "s3cret"));
        try {
            await().atMost(60, TimeUnit.SECONDS).until(() -> published().size() >= 1);
            // The image's HEALTHCHECK command, with the container's environment.
            final ProcessBuilder check = new ProcessBuilder("sh",
                    JarProcess.projectRoot().resolve("docker/healthcheck.sh").toAbsolutePath().toString());
            check.environment().put("SERVER_PORT", Integer.toString(port));
            assertThat(check.start().waitFor()).isZero();
            try (Socket refusing = JarProcess.refusingPort()) {
                check.environment().put("SERVER_PORT", Integer.toString(refusing.getLocalPort()));
                assertThat(check.start().waitFor()).isNotZero();
            }
            // Reachable off loopback for a Prometheus scrape, with the token; called here on loopback.
            final String metrics = "http://127.0.0.1:" + admin + "/metrics/prometheus";
            assertThat(status(metrics, null)).isEqualTo(401);
            assertThat(status(metrics, "s3cret")).isEqualTo(200);
            assertThat(status("http://127.0.0.1:" + admin + "/ping", null)).isEqualTo(200);
        } finally {
            script.destroy();
            script.waitFor(60, TimeUnit.SECONDS);
        }

        // Without the token an admin port off loopback is refused at start.
        final Process refused = start(Map.of("ADMIN_HOST", "0.0.0.0", "CLEAN_EVENTS_ON_EXIT", "false"));
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stdout.log")) + Files.readString(dir.resolve("stderr.log")))
                .contains("admin.token (or ADMIN_TOKEN) is required when admin.host is not a loopback address");
    }
}
