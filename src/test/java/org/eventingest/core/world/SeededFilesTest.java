package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes a seed gives, pinned: the event files, the truth records, the world API's answer and the
 * state directory of seeded runs, as SHA-256 digests recorded from the service as it was before
 * partitioned worlds.
 * Any change to what one seed generates (the random streams, the price draw, the ids, the order of
 * draws) turns this red; a deliberate change of the data must update the digests and say why.
 */
class SeededFilesTest {

    private static final Instant FIRST = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void aSeededRunWithAnomaliesGivesTheRecordedBytes() throws Exception {
        final String toml = """
                [events]
                generation_interval = 1
                events_per_batch = 300
                [world]
                shops = 7
                goods = 9
                users = 23
                starting_balance = 2000.00
                max_open_orders = 50
                [pipeline]
                shards_count = 3
                [anomalies]
                duplicate = 0.02
                out_of_order = 0.003
                invalid = 0.02
                malformed = 0.01
                """;
        assertThat(digest(toml, 41, 25))
                .isEqualTo("2641bb2a2c31b6b12bda9a8f173dcc88d98febd1618712b6ed09884cf17238c1");
        // Every kind of anomaly is among the pinned bytes.
        final StringBuilder truth = new StringBuilder();
        try (Stream<Path> files = Files.list(root.resolve("state").resolve(WorldStore.TRUTH_DIR))) {
            for (Path file : files.toList()) {
                truth.append(Files.readString(file));
            }
        }
        assertThat(truth.toString()).contains("\"duplicate\"", "\"out_of_order\"", "\"invalid\"", "\"malformed\"");
    }

    @Test
    void aSeededZipfRunGivesTheRecordedBytes() throws Exception {
        final String toml = """
                [events]
                generation_interval = 10
                events_per_batch = 500
                batch = "exact"
                [world]
                shops = 40
                goods = 30
                users = 300
                shop_distribution = "zipf"
                zipf_exponent = 1.2
                """;
        assertThat(digest(toml, 7, 15))
                .isEqualTo("657ae40c5037233cc365ef1d171f5396ebfbb6b4b1a5b260a950e5561d0f7fc4");
    }

    /** The state directory's bytes too: an unpartitioned world's checkpoint and log are as before partitions. */
    @Test
    void theStateOfASeededRunIsTheRecordedBytes() throws Exception {
        final WorldRun run = new WorldRun(root, """
                [events]
                generation_interval = 1
                events_per_batch = 300
                [world]
                shops = 7
                goods = 9
                users = 23
                max_open_orders = 50
                [anomalies]
                out_of_order = 0.003
                """, 5).checkpointEvery(40_000);
        run.ticks(FIRST, 25);
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        final byte[] checkpoint = Files.readAllBytes(run.state.resolve(WorldStore.CHECKPOINT));
        final byte[] log = Files.readAllBytes(run.state.resolve(WorldStore.LOG_FILE));
        assertThat(checkpoint.length).isGreaterThan(1000);
        assertThat(log.length).isPositive();
        sha.update(checkpoint);
        sha.update(log);
        assertThat(HexFormat.of().formatHex(sha.digest()))
                .isEqualTo("886a760029142e0e03de30f5dd2d4eeb02fc16790f9f07cce6db8baa63ab5734");
    }

    /** Runs the ticks into files and digests the file names and bytes, the truth records and the world's JSON. */
    private String digest(String toml, long seed, int ticks) throws Exception {
        final WorldRun run = new WorldRun(root, toml, seed);
        final WorldEventGenerator generator = run.ticks(FIRST, ticks);
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Path dir : List.of(run.events, run.state.resolve(WorldStore.TRUTH_DIR))) {
            final List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.sorted().toList();
            }
            assertThat(files).hasSize(ticks);
            for (Path file : files) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        final ByteArrayOutputStream world = new ByteArrayOutputStream();
        try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(world)) {
            generator.snapshot().writeJson(json);
        }
        sha.update(world.toByteArray());
        return HexFormat.of().formatHex(sha.digest());
    }
}
