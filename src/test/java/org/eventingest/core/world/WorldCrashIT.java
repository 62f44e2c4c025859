package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eventingest.core.CrashPoint;
import org.eventingest.core.EventFileName;
import org.eventingest.core.IoFaults;
import org.eventingest.files.EventFileNames;
import org.eventingest.support.JarProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged jar halted ({@code Runtime.halt}, as a SIGKILL stops it) at each named step of a
 * tick's publication and state commit, with ticks of 1 and of 200,000 events, then restarted: the
 * files are byte for byte those of a run that never crashed, every file has its truth record, no
 * temporary file is left, no order id repeats, and the world is the replay of exactly the files.
 */
class WorldCrashIT {

    private static final Instant FROM = Instant.parse("2026-07-01T00:00:00Z");
    private static final int TICKS = 3;

    static Stream<Arguments> crashes() {
        final List<String> points = List.of("mid-write", "file-synced", "state-log-torn", "state-logged", "linked",
                "directory-synced", "state-committed", "checkpoint-written", "log-reset");
        return Stream.of(1, 200_000).flatMap(size -> points.stream().map(point -> Arguments.of(point, size)));
    }

    @TempDir
    static Path work;

    private static final Map<Integer, Path> REFERENCES = new ConcurrentHashMap<>();

    private static String toml(int size) {
        return """
                [events]
                generation_interval = 1
                events_per_batch = %d
                max_batch_size = %d
                batch = "exact"
                seed = 5
                [world]
                shops = 20
                goods = 50
                users = 300
                [pipeline]
                shards_count = 3
                """.formatted(size, size);
    }

    private static JarProcess.Result generate(Path dir, int size, Instant from, int ticks, String crashAt)
            throws IOException, InterruptedException {
        final Path config = dir.resolve("event-ingest.toml");
        Files.writeString(config, toml(size));
        final List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-Devent-ingest.checkpoint-log-bytes=1"));
        if (crashAt != null) {
            jvm.add("-Devent-ingest.crash-at=" + crashAt);
        }
        return JarProcess.run(dir, Map.of(), jvm, "generate", config.toString(), "--from", from.toString(),
                "--ticks", Integer.toString(ticks), "--out", dir.toString());
    }

    private static Path reference(int size) {
        return REFERENCES.computeIfAbsent(size, s -> {
            try {
                final Path dir = Files.createDirectories(work.resolve("reference-" + s));
                final JarProcess.Result result = generate(dir, s, FROM, TICKS, null);
                assertThat(result.exitCode()).as(result.output()).isZero();
                return dir;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}, ticks of {1}")
    @MethodSource("crashes")
    void aCrashAtAnyStepLeavesTheWorldOfExactlyThePublishedFiles(String point, int size) throws Exception {
        final Path reference = reference(size);
        final Path dir = Files.createDirectories(work.resolve(point + "-" + size));
        final JarProcess.Result crashed = generate(dir, size, FROM, TICKS, point + "@2");
        assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(CrashPoint.EXIT_CODE);
        assertThat(crashed.stderr()).contains("crash point " + point + " reached");

        final List<String> before = names(dir.resolve("events")).stream().filter(EventFileName::isPublished).toList();
        assertThat(before).hasSizeLessThan(TICKS); // the crash came in the second tick
        final Instant next = before.isEmpty() ? FROM
                : EventFileNames.instantOf(EventFileNames.prefixOf(before.get(before.size() - 1))).plusSeconds(1);
        final JarProcess.Result restarted = generate(dir, size, next, TICKS - before.size(), null);
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();

        // Byte for byte the uninterrupted run: the world continued exactly, nothing temporary is left.
        assertThat(names(dir.resolve("events"))).isEqualTo(names(reference.resolve("events"))).hasSize(TICKS);
        assertThat(names(dir.resolve("event-ingest-state/truth"))).isEqualTo(
                names(reference.resolve("event-ingest-state/truth")));
        for (String name : names(reference.resolve("events"))) {
            assertThat(dir.resolve("events").resolve(name)).as(name)
                    .hasSameBinaryContentAs(reference.resolve("events").resolve(name));
            final String truth = name.substring(0, 14) + ".json";
            assertThat(dir.resolve("event-ingest-state/truth").resolve(truth)).as(truth)
                    .hasSameBinaryContentAs(reference.resolve("event-ingest-state/truth").resolve(truth));
        }
        // An independent replay: no reused order id, no broken invariant, and the state holds that world.
        final ReplayChecker checker = new ReplayChecker(10_000_000L).withoutDuplicates().replay(dir.resolve("events"));
        assertThat(checker.findings).isEmpty();
        final WorldStore store = WorldStore.open(dir.resolve("event-ingest-state"), dir.resolve("events"),
                new WorldSpec(20, 50, 300, 10_000_000L, 100, 50_000, 10_000, false, 1.0), OptionalLong.of(5), () -> 5,
                IoFaults.NONE);
        checker.assertMatches(store.world().view(null));
    }
}
