package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
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
        // Said once, on stderr only: not also by Dropwizard's own log line.
        assertThat(result.output().toLowerCase(Locale.ROOT).split("configuration is ok", -1)).hasSize(2);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "server | [events]\\ngeneration_intervall = 10\\n |              | "
                    + "Unrecognized field at: events.generation_intervall",
            "check  | [events]\\ngeneration_intervall = 10\\n |              | Did you mean?",
            "server | [server]\\nport = \"8080\\n              |              | TOML syntax error at line 2, column",
            "server | [events]\\nevents_per_batch = 0\\n      |              | "
                    + "events.events_per_batch must be between 1 and 100000000",
            "server | [logging]\\nformat = \"xml\"\\n          |              | "
                    + "logging.format must be one of [json, text]",
            "server | ''                                        | SERVER_PORT=abc | "
                    + "server.port must be an integer, but environment variable SERVER_PORT is 'abc'",
            "server | ''                                        | PIPELINE_SHARDS_COUNT=0 | "
                    + "pipeline.shards_count must be between 1 and 1024 "
                    + "(set by environment variable PIPELINE_SHARDS_COUNT=0)",
            "server | ''                                        | SERVER_PORT=70000 | "
                    + "server.port must be between 0 and 65535",
            "server | [admin]\\nhost = \"0.0.0.0\"\\n          |              | "
                    + "admin.token (or ADMIN_TOKEN) is required when admin.host is not a loopback address",
            "server | [server]\\nport = 18099\\n[admin]\\nport = 18099\\n |  | admin.port must differ from server.port",
            "check  | [server]\\nhost = \"no-such-host.invalid\"\\n |  | "
                    + "server.host and admin.host must be addresses or names that resolve",
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

    /**
     * What the start prints when it fails: one line (or the configuration's error list), no stack trace, exit code 1.
     */
    private JarProcess.Result failedStart(Path file) throws Exception {
        final JarProcess.Result result = JarProcess.run(dir, Map.of(), List.of(), "server", file.toString());
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).doesNotContain("\tat ").doesNotContain("! at ");
        return result;
    }

    @Test
    void everyStartFailureIsOneClearLine() throws Exception {
        Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThat(failedStart(config("[storage]\nshared_dir = \"" + dir.resolve("a-file") + "\"\n")).output())
                .contains("storage.shared_dir " + dir.resolve("a-file") + " is a regular file, not a directory");

        final Path latin1 = dir.resolve("latin1.toml");
        Files.write(latin1, "# caf\u00e9 \n[server]\nport = 0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(failedStart(latin1).output()).contains(latin1.toString()).contains("the file is not UTF-8 text");

        assertThat(failedStart(dir.resolve("missing.toml")).output()).contains("missing.toml");

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final JarProcess.Result bound = failedStart(config("[server]\nhost = \"127.0.0.1\"\nport = "
                    + taken.getLocalPort() + "\n[admin]\nport = 0\n[storage]\nshared_dir = \""
                    + dir.resolve("shared") + "\"\n"));
            assertThat(bound.output()).contains("cannot listen").contains(":" + taken.getLocalPort())
                    .contains("server.port or admin.port is taken");
        }
    }

    @Test
    void aSecondInstanceOnTheSameStateDirectoryIsRefused() throws Exception {
        final String toml = "[server]\nhost = \"127.0.0.1\"\nport = 0\n[admin]\nport = 0\n[pipeline]\nenabled = false\n"
                + "[storage]\nshared_dir = \"" + dir.resolve("shared") + "\"\n";
        final Path first = dir.resolve("first.toml");
        Files.writeString(first, toml);
        final Process running = JarProcess.startServer(first, dir.resolve("first.log"));
        try {
            Awaitility.await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> Files.readString(dir.resolve("first.log")).contains(" listening on "));
            final JarProcess.Result second = failedStart(config(toml));
            assertThat(second.output()).contains("the state directory " + dir.resolve("shared/event-ingest-state")
                    + " is in use by pid " + running.pid()).contains("give each instance its own storage.state_dir");
            // The first one did not notice: it goes on ticking and stops cleanly.
            assertThat(running.isAlive()).isTrue();
        } finally {
            running.destroy();
            assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // Released with the process: the directory can be used again.
        final Process again = JarProcess.startServer(first, dir.resolve("again.log"));
        try {
            Awaitility.await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> Files.readString(dir.resolve("again.log")).contains(" listening on "));
        } finally {
            again.destroy();
            again.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondPartitionOnTheSameSharedDirectoryIsRefusedAndOneWithItsOwnRuns() throws Exception {
        // Two instances of one world of two partitions; the second is given its own state_dir but not a shared_dir.
        final String toml = "[server]\nhost = \"127.0.0.1\"\nport = 0\n[admin]\nport = 0\n[pipeline]\nenabled = false\n"
                + "[world]\npartitions = 2\npartition = %d\n[storage]\nshared_dir = \"%s\"\nstate_dir = \"%s\"\n";
        final Path first = dir.resolve("first.toml");
        Files.writeString(first, toml.formatted(0, dir.resolve("shared"), dir.resolve("state-0")));
        final Process running = JarProcess.startServer(first, dir.resolve("first.log"));
        try {
            Awaitility.await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> Files.readString(dir.resolve("first.log")).contains(" listening on "));
            final JarProcess.Result second = failedStart(config(toml.formatted(1, dir.resolve("shared"),
                    dir.resolve("state-1"))));
            assertThat(second.output()).contains("the events directory " + dir.resolve("shared/events")
                    + " is in use by pid " + running.pid()).contains("give each instance its own storage.shared_dir");
            assertThat(dir.resolve("state-1/world.ckpt")).doesNotExist();

            // With its own shared directory it runs beside the first.
            final Path own = dir.resolve("own.toml");
            Files.writeString(own, toml.formatted(1, dir.resolve("shared-1"), dir.resolve("state-1")));
            final Process beside = JarProcess.startServer(own, dir.resolve("own.log"));
            try {
                Awaitility.await().atMost(60, TimeUnit.SECONDS)
                        .until(() -> Files.readString(dir.resolve("own.log")).contains(" listening on "));
            } finally {
                beside.destroy();
                assertThat(beside.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(running.isAlive()).isTrue();
        } finally {
            running.destroy();
            assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
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
            Awaitility.await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> Files.readString(stdout).contains("published file=")
                            && Files.readString(stdout).contains(" listening on "));
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        final List<String> lines = Files.readAllLines(stdout);
        assertThat(lines).anyMatch(line -> line.startsWith("INFO ") && line.contains("published file="));
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
        // One start line with what an operator checks, the ports that port = 0 picked included.
        assertThat(lines).anyMatch(line -> line.matches(
                ".*event-ingest 0\\.1\\.0-SNAPSHOT listening on http://0\\.0\\.0\\.0:[1-9]\\d* "
                + "\\(admin http://127\\.0\\.0\\.1:[1-9]\\d*\\); events .*shared/events, state .*; pipeline http.*; "
                + "a tick every 1 s, uniform of 5 events \\(max 1000\\); seed -?\\d+; "
                + "not from the file: .*server.host=0.0.0.0 \\(default\\).*"));
        // The start summary is words, not a Java record.
        assertThat(lines).noneMatch(line -> line.contains("Summary[") || line.contains("Optional"));
    }

    @Test
    void aMillionEventTickRunsIn64MegabytesOfHeap() throws Exception {
        final JarProcess.Result result = JarProcess.run(dir, Map.of(), List.of("-Xmx64m"), "bench",
                config("[events]\ngeneration_interval = 1\n").toString(), "--events", "1000000");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("events=1000000 ").doesNotContain("OutOfMemoryError");
    }
}
