package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eventingest.support.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shaded jar as an operator runs it: validation at start, exit codes, log formats, memory. */
class PackagedJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config(String toml) throws Exception {
        final Path file = dir.resolve("event-ingest.toml");
        Files.writeString(file, toml);
        return file;
    }

    @Test
    void checkAcceptsTheRepositoryConfiguration() throws Exception {
        final JarProcess.Result result = JarProcess.run(dir, Map.of(), List.of(), "check",
                JarProcess.projectRoot().resolve("event-ingest.toml").toAbsolutePath().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stderr()).contains("configuration is OK");
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "server | [events]\\ngeneration_intervall = 10\\n |              | Unrecognized field at: events.generation_intervall",
            "check  | [events]\\ngeneration_intervall = 10\\n |              | Did you mean?",
            "server | [server]\\nport = \"8080\\n              |              | TOML syntax error at line 2, column",
            "server | [events]\\nevents_per_batch = 0\\n      |              | events.events_per_batch must be between 1 and 100000000",
            "server | [logging]\\nformat = \"xml\"\\n          |              | logging.format must be one of [json, text]",
            "server | ''                                        | SERVER_PORT=abc | server.port must be an integer, but environment variable SERVER_PORT is 'abc'",
            "server | ''                                        | PIPELINE_SHARDS_COUNT=0 | pipeline.shards_count must be between 1 and 1024 (set by environment variable PIPELINE_SHARDS_COUNT=0)",
            "server | ''                                        | SERVER_PORT=70000 | server.port must be between 0 and 65535",
            "server | [admin]\\nhost = \"0.0.0.0\"\\n          |              | admin.token (or ADMIN_TOKEN) is required when admin.host is not a loopback address",
    })
    void anInvalidConfigurationStopsTheProcessWithAMessageNamingTheKey(String command, String toml, String env,
                                                                        String expected) throws Exception {
        final Path file = config(toml.replace("\\n", "\n"));
        final Map<String, String> environment = env == null ? Map.of()
                : Map.of(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
        final JarProcess.Result result = JarProcess.run(dir, environment, List.of(), command, file.toString());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(expected).contains(file.toString());
        assertThat(result.output()).doesNotContain("\tat org.eventingest");
    }

    @Test
    void textLogsAreReadableLinesNotJson() throws Exception {
        final Path file = config("""
                [server]
                port = 0
                [admin]
                port = 0
                [events]
                generation_interval = 1
                [logging]
                format = "text"
                [storage]
                shared_dir = "%s"
                """.formatted(dir.resolve("shared")));
        final Path stdout = dir.resolve("text.log");
        final Process server = JarProcess.startServer(file, stdout);
        try {
            org.awaitility.Awaitility.await().atMost(60, java.util.concurrent.TimeUnit.SECONDS)
                    .until(() -> Files.readString(stdout).contains("published file="));
        } finally {
            server.destroy();
            server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        final List<String> lines = Files.readAllLines(stdout);
        assertThat(lines).anyMatch(line -> line.startsWith("INFO ") && line.contains("published file="));
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
    }

    @Test
    void aMillionEventTickRunsIn64MegabytesOfHeap() throws Exception {
        final JarProcess.Result result = JarProcess.run(dir, Map.of(), List.of("-Xmx64m"), "bench",
                config("[events]\ngeneration_interval = 1\n").toString(), "--events", "1000000");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("events=1000000 ").doesNotContain("OutOfMemoryError");
    }
}
