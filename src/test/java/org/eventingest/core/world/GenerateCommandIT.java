package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eventingest.support.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} through the packaged jar: deterministic, continuable, and every invariant holds. */
class GenerateCommandIT {

    @TempDir
    Path dir;

    private JarProcess.Result generate(Path config, String from, int ticks, Path out) throws Exception {
        final List<String> args = new ArrayList<>(List.of("generate", config.toString()));
        if (from != null) {
            args.addAll(List.of("--from", from));
        }
        args.addAll(List.of("--ticks", Integer.toString(ticks), "--out", out.toString()));
        return JarProcess.run(dir, Map.of(), List.of(), args.toArray(String[]::new));
    }

    private static List<String> names(Path events) throws Exception {
        try (Stream<Path> files = Files.list(events)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheTicksFilesAndTruthAndContinuesByteForByte() throws Exception {
        final Path config = dir.resolve("event-ingest.toml");
        Files.writeString(config, """
                [events]
                generation_interval = 5
                events_per_batch = 400
                seed = 99
                [world]
                shops = 20
                goods = 30
                users = 40
                shop_distribution = "zipf"
                zipf_exponent = 1.5
                [logging]
                format = "text"
                level = "WARN"
                """);
        final JarProcess.Result whole = generate(config, "2026-02-01T10:00:01Z", 12, dir.resolve("whole"));
        assertThat(whole.exitCode()).as(whole.output()).isZero();
        assertThat(whole.stdout()).contains("wrote 12 files");
        assertThat(whole.stderr()).contains("seed 99");
        assertThat(generate(config, "2026-02-01T10:00:01Z", 5, dir.resolve("split")).exitCode()).isZero();
        // The same --from again, or one at the newest file: refused, naming it and where to go on.
        final JarProcess.Result again = generate(config, "2026-02-01T10:00:01Z", 7, dir.resolve("split"));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("is not after the newest file 20260201100025.event-ingest.txt")
                .contains("omit --from to continue at 2026-02-01T10:00:30Z").doesNotContain("\tat ");
        // Without --from it continues after the newest file; the summary counts this run.
        final JarProcess.Result rest = generate(config, null, 7, dir.resolve("split"));
        assertThat(rest.exitCode()).as(rest.output()).isZero();
        assertThat(rest.stdout()).contains("wrote 7 files");

        final Path a = dir.resolve("whole/events");
        final Path b = dir.resolve("split/events");
        assertThat(names(a)).hasSize(12).first().isEqualTo("20260201100005.event-ingest.txt");
        assertThat(names(b)).isEqualTo(names(a));
        for (String name : names(a)) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
        assertThat(names(dir.resolve("whole/event-ingest-state/truth"))).hasSize(12);

        final ReplayChecker checker = new ReplayChecker(10_000_000L).replay(a);
        assertThat(checker.findings).isEmpty();
        assertThat(checker.events).isGreaterThan(12);
    }
}
