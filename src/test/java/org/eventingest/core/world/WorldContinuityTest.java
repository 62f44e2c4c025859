package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The world is saved after each published file: a restart continues it, byte for byte. */
class WorldContinuityTest {

    private static final Instant FIRST = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TOML = """
            [events]
            generation_interval = 1
            events_per_batch = 300
            [world]
            shops = 5
            goods = 4
            users = 6
            starting_balance = 500.00
            [pipeline]
            shards_count = 2
            [anomalies]
            duplicate = 0.03
            out_of_order = 0.01
            invalid = 0.02
            malformed = 0.01
            """;

    @TempDir
    Path uninterrupted;

    @TempDir
    Path restarted;

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRestartInTheMiddleGivesByteIdenticalFilesAndTruth() throws Exception {
        new WorldRun(uninterrupted, TOML, 42).ticks(FIRST, 24);
        final WorldRun first = new WorldRun(restarted, TOML, 42);
        first.ticks(FIRST, 11);
        new WorldRun(restarted, TOML, 42).ticks(FIRST.plusSeconds(11), 13); // a new generator, loading the saved world

        final Path a = uninterrupted.resolve("events");
        final Path b = restarted.resolve("events");
        assertThat(names(b)).hasSize(24).isEqualTo(names(a));
        for (String name : names(a)) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
        final Path truthA = uninterrupted.resolve("state/truth");
        final Path truthB = restarted.resolve("state/truth");
        assertThat(names(truthB)).hasSize(24).isEqualTo(names(truthA));
        for (String name : names(truthA)) {
            assertThat(Files.readString(truthB.resolve(name))).as(name)
                    .isEqualTo(Files.readString(truthA.resolve(name)));
        }

        // Order ids stay unique across the restart, and every invariant holds around it.
        final ReplayChecker checker = first.check();
        assertThat(checker.findings).noneMatch(f -> f.why().contains("order id reused"));
        final JsonNode truth = new ObjectMapper().readTree(truthB.resolve(names(truthB).get(0)).toFile());
        assertThat(truth.get("file").asText()).isEqualTo("20260301120000.event-ingest.txt");
        assertThat(truth.get("events_by_shard").fieldNames()).toIterable().isSubsetOf("0", "1");
    }

    @Test
    void aTickWhoseFileIsNotPublishedLeavesNoTraceInTheWorld() throws Exception {
        final WorldRun run = new WorldRun(restarted, TOML, 7);
        run.ticks(FIRST, 5);
        final WorldView before = run.ticks(FIRST.plusSeconds(5), 0).view();

        Files.move(run.events, restarted.resolve("events-away")); // the next write fails: no directory
        final WorldEventGenerator generator = run.ticks(FIRST.plusSeconds(5), 1);
        Files.move(restarted.resolve("events-away"), run.events);

        assertThat(generator.view()).isEqualTo(before);
        assertThat(run.ticks(FIRST.plusSeconds(6), 0).view()).isEqualTo(before);
    }
}
