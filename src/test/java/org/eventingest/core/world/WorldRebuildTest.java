package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.core.IoFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files are the log: a state rebuilt from them continues exactly as the one that was lost. */
class WorldRebuildTest {

    private static final Instant FIRST = Instant.parse("2026-09-01T00:00:00Z");
    private static final String TOML = """
            [events]
            generation_interval = 1
            events_per_batch = 400
            [world]
            shops = 6
            goods = 8
            users = 12
            starting_balance = 800.00
            [pipeline]
            shards_count = 3
            [anomalies]
            duplicate = 0.03
            out_of_order = 0.004
            invalid = 0.02
            malformed = 0.01
            """;

    @TempDir
    Path root;

    private static WorldRebuild.Settings settings(WorldRun run, long seed) {
        final EventIngestSettings s = run.settings;
        return new WorldRebuild.Settings(s.getWorld().toSpec(), seed, new EventMix(s.getEvents().getMix().weights()),
                s.getAnomalies().toRates(), s.getPipeline().getShardsCount(),
                Duration.ofSeconds(s.getEvents().getGenerationInterval()), s.getEvents().getBatch(),
                s.getEvents().getEventsPerBatch(), s.getEvents().getMaxBatchSize());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twentyTicksRebuiltThenTenMoreAreByteIdenticalToThirtyAtOnceTruthIncluded() throws Exception {
        final Path whole = Files.createDirectories(root.resolve("whole"));
        final Path rebuilt = Files.createDirectories(root.resolve("rebuilt"));
        new WorldRun(whole, TOML, 17).savedAtTheTick().ticks(FIRST, 30);
        final WorldRun run = new WorldRun(rebuilt, TOML, 17).savedAtTheTick();
        run.ticks(FIRST, 20);
        WorldStoreTest.deleteTree(run.state);
        assertThatThrownBy(() -> run.ticks(FIRST.plusSeconds(20), 1)).isInstanceOf(StateException.class)
                .hasMessageContaining("rebuild-state");

        final WorldRebuild.Result result = WorldRebuild.run(run.state, run.events, settings(run, 17), line -> { });
        assertThat(result.files()).isEqualTo(20);
        run.ticks(FIRST.plusSeconds(20), 10);

        for (String dir : List.of("events", "state/truth")) {
            assertThat(names(rebuilt.resolve(dir))).hasSize(30).isEqualTo(names(whole.resolve(dir)));
            for (String name : names(whole.resolve(dir))) {
                assertThat(rebuilt.resolve(dir).resolve(name)).as(name)
                        .hasSameBinaryContentAs(whole.resolve(dir).resolve(name));
            }
        }
    }

    @Test
    void filesSavedAtOtherInstantsRebuildTheSameWorldAndAnotherSeedIsNamed() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 23);
        final WorldView before = run.ticks(FIRST, 15).view();
        final List<String> truth = names(run.state.resolve("truth"));
        final byte[] lastTruth = Files.readAllBytes(run.state.resolve("truth").resolve(truth.get(14)));
        WorldStoreTest.deleteTree(run.state);

        assertThatThrownBy(() -> WorldRebuild.run(run.state, run.events, settings(run, 24), line -> { }))
                .isInstanceOf(StateException.class).hasMessageContaining("20260901000000.event-ingest.txt")
                .hasMessageContaining("seed 24");
        WorldStoreTest.deleteTree(run.state);

        WorldRebuild.run(run.state, run.events, settings(run, 23), line -> { });
        final WorldRun.Started started = run.start(FIRST.plusSeconds(15), IoFaults.NONE);
        assertThat(started.generator().view()).isEqualTo(before);
        assertThat(names(run.state.resolve("truth"))).isEqualTo(truth);
        assertThat(run.state.resolve("truth").resolve(truth.get(14))).hasBinaryContent(lastTruth);
        assertThat(started.tick(FIRST.plusSeconds(15))).isTrue();
    }
}
