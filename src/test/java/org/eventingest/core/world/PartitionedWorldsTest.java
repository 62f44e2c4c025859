package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.eventingest.core.IoFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances of one configuration but for {@code world.partition} write disjoint, coherent worlds whose
 * union is one world: read back from their files with the independent {@link ReplayChecker}.
 */
class PartitionedWorldsTest {

    private static final Instant FIRST = Instant.parse("2026-06-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("restock", "purchase", "price_change", "return", "shop_status");
    private static final String TOML = """
            [events]
            generation_interval = 1
            events_per_batch = 300
            [world]
            shops = 9
            goods = 6
            users = 25
            starting_balance = 3000.00
            max_open_orders = 40
            partitions = 2
            partition = %d
            [pipeline]
            shards_count = 3
            """;

    @TempDir
    Path root;

    /** Shop, user and order ids of an events directory's lines. */
    private record Ids(Set<Long> shops, Set<Long> users, Set<Long> orders) {
    }

    private static Ids ids(Path events) throws IOException {
        final Ids ids = new Ids(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        for (Path file : published(events)) {
            for (String line : Files.readAllLines(file)) {
                final JsonNode payload = JSON.readTree(line).get("payload");
                ids.shops().add(payload.get("shop_id").asLong());
                if (payload.has("user_id")) {
                    ids.users().add(payload.get("user_id").asLong());
                }
                if (payload.has("order_id")) {
                    ids.orders().add(payload.get("order_id").asLong());
                }
            }
        }
        return ids;
    }

    private static List<Path> published(Path events) throws IOException {
        try (Stream<Path> files = Files.list(events)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".event-ingest.txt")).sorted().toList();
        }
    }

    private static List<Integer> lineCounts(Path events) throws IOException {
        final List<Integer> counts = new ArrayList<>();
        for (Path file : published(events)) {
            counts.add(Files.readAllLines(file).size());
        }
        return counts;
    }

    @Test
    void twoPartitionsWriteDisjointWorldsWhoseUnionReplaysCleanAndIsTheirViewsUnion() throws Exception {
        final WorldRun first = new WorldRun(Files.createDirectories(root.resolve("p0")), TOML.formatted(0), 31);
        final WorldRun second = new WorldRun(Files.createDirectories(root.resolve("p1")), TOML.formatted(1), 31);
        final WorldEventGenerator zero = first.ticks(FIRST, 30);
        final WorldEventGenerator one = second.ticks(FIRST, 30);

        final Ids ofZero = ids(first.events);
        final Ids ofOne = ids(second.events);
        for (Set<Long> set : List.of(ofZero.shops(), ofZero.users(), ofZero.orders())) {
            assertThat(set).isNotEmpty().allSatisfy(id -> assertThat(id % 2).as("id %d of partition 0", id).isZero());
        }
        for (Set<Long> set : List.of(ofOne.shops(), ofOne.users(), ofOne.orders())) {
            assertThat(set).isNotEmpty().allSatisfy(id -> assertThat(id % 2).as("id %d of partition 1", id).isOne());
        }
        // Ids on the wire are the whole world's: 1-based, up to the global totals, every shop of each partition used.
        assertThat(ofZero.shops()).containsExactly(2L, 4L, 6L, 8L);
        assertThat(ofOne.shops()).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(ofZero.users()).allSatisfy(id -> assertThat(id).isBetween(2L, 24L));
        assertThat(ofOne.users()).allSatisfy(id -> assertThat(id).isBetween(1L, 25L));
        assertThat(ofZero.orders()).doesNotContainAnyElementsOf(ofOne.orders()).allSatisfy(id ->
                assertThat(id).isPositive());
        // The same ticks (file names), drawn from other streams: the tick sizes differ.
        assertThat(published(first.events).stream().map(Path::getFileName).toList())
                .isEqualTo(published(second.events).stream().map(Path::getFileName).toList());
        assertThat(lineCounts(first.events)).isNotEqualTo(lineCounts(second.events));

        final Map<String, Path> union = new LinkedHashMap<>();
        union.put("p0", first.events);
        union.put("p1", second.events);
        final ReplayChecker checker = new ReplayChecker(3000_00).withoutDuplicates().replay(union);
        assertThat(checker.findings).isEmpty();
        assertThat(checker.events).isGreaterThan(3000);

        // The world API of each instance shows global ids; together they are the replayed world.
        final WorldView a = zero.view();
        final WorldView b = one.view();
        assertThat(a.shops()).extracting(WorldView.Shop::shopId).containsExactly(2L, 4L, 6L, 8L);
        assertThat(b.shops()).extracting(WorldView.Shop::shopId).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(a.nextOrderId() % 2).isZero();
        assertThat(b.nextOrderId() % 2).isOne();
        final List<WorldView.Shop> shops = new ArrayList<>(a.shops());
        shops.addAll(b.shops());
        final Map<Long, String> balances = new TreeMap<>(a.balances());
        assertThat(b.balances().keySet()).doesNotContainAnyElementsOf(a.balances().keySet());
        balances.putAll(b.balances());
        checker.assertMatches(new WorldView(a.lastFile(), 0, shops, balances));
        // The streamed snapshot says the same as the view, byte for byte, ids included.
        for (WorldEventGenerator generator : List.of(zero, one)) {
            final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            try (JsonGenerator json = JSON.getFactory().createGenerator(streamed)) {
                generator.snapshot().writeJson(json);
            }
            assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(generator.view()));
        }
    }

    @Test
    void theTruthRecordsCountEventsByTheShardOfTheGlobalShopId() throws Exception {
        // Out-of-order returns hold their purchase for the top of the next file, duplicates repeat lines: both counted.
        final WorldRun run = new WorldRun(root, TOML.formatted(1)
                + "[anomalies]\nout_of_order = 0.002\nduplicate = 0.01\n", 8);
        run.ticks(FIRST, 20);
        int held = 0;
        for (Path file : published(run.events)) {
            final Map<String, Map<String, Integer>> counted = new TreeMap<>();
            for (String line : Files.readAllLines(file)) {
                final JsonNode event = JSON.readTree(line);
                counted.computeIfAbsent(Long.toString(event.get("payload").get("shop_id").asLong() % 3),
                        shard -> new TreeMap<>()).merge(TYPES.get(event.get("event_type").asInt()), 1, Integer::sum);
            }
            final JsonNode truth = JSON.readTree(run.state.resolve(WorldStore.TRUTH_DIR)
                    .resolve(file.getFileName().toString().substring(0, 14) + ".json").toFile());
            final Map<String, Map<String, Integer>> recorded = new TreeMap<>();
            truth.get("events_by_shard").fields().forEachRemaining(shard -> shard.getValue().fields()
                    .forEachRemaining(type -> recorded.computeIfAbsent(shard.getKey(), key -> new TreeMap<>())
                            .put(type.getKey(), type.getValue().asInt())));
            assertThat(recorded).as(file.toString()).isEqualTo(counted);
            held += truth.toString().contains("\"out_of_order\"") ? 1 : 0;
        }
        assertThat(held).as("files ending with an out-of-order return").isGreaterThan(2);
    }

    @Test
    void aStateOfOnePartitionIsRefusedAsAnotherNamingTheKeys() throws Exception {
        final WorldRun run = new WorldRun(root, TOML.formatted(0), 3);
        run.ticks(FIRST, 2);
        final WorldSpec spec = run.settings.getWorld().toSpec();
        final WorldSpec other = withPartition(spec, new Partition(1, 2));
        assertThatThrownBy(() -> WorldStore.open(run.state, run.events, other, OptionalLong.of(3), () -> 3,
                IoFaults.NONE)).isInstanceOf(StateException.class).hasMessageContaining("world.partition 0 → 1")
                .hasMessageNotContaining("world.partitions");
        final WorldSpec three = withPartition(spec, new Partition(0, 3));
        assertThatThrownBy(() -> WorldStore.open(run.state, run.events, three, OptionalLong.of(3), () -> 3,
                IoFaults.NONE)).isInstanceOf(StateException.class).hasMessageContaining("world.partitions 2 → 3")
                .hasMessageContaining("set [world] back");
        final WorldSpec whole = withPartition(spec, Partition.WHOLE);
        assertThatThrownBy(() -> WorldStore.open(run.state, run.events, whole, OptionalLong.of(3), () -> 3,
                IoFaults.NONE)).isInstanceOf(StateException.class).hasMessageContaining("world.partitions 2 → 1");
    }

    @Test
    void theWholeWorldsCheckpointIsVersionOneReadAsZeroOfOneAndAPartitionedOneIsVersionTwo() throws Exception {
        for (int partitions : new int[] {1, 2}) {
            final String toml = partitions == 1 ? TOML.formatted(0).replace("partitions = 2\npartition = 0\n", "")
                    : TOML.formatted(1);
            final Path straight = Files.createDirectories(root.resolve(partitions + "-straight"));
            final Path restarted = Files.createDirectories(root.resolve(partitions + "-restarted"));
            new WorldRun(straight, toml, 12).checkpointEvery(1).ticks(FIRST, 12);
            final WorldRun run = new WorldRun(restarted, toml, 12).checkpointEvery(1);
            run.ticks(FIRST, 7);
            final Path checkpoint = run.state.resolve(WorldStore.CHECKPOINT);
            final WorldSpec spec = run.settings.getWorld().toSpec();
            assertHeader(Files.readAllBytes(checkpoint), spec);

            final WorldStore store = WorldStore.open(run.state, run.events, spec, OptionalLong.of(12), () -> 12,
                    IoFaults.NONE);
            assertThat(store.world().spec().partition()).isEqualTo(spec.partition());
            assertThat(store.lastFile()).contains("20260601000006");
            // Another partitioning is refused on it.
            final Partition other = partitions == 1 ? new Partition(0, 2) : Partition.WHOLE;
            assertThatThrownBy(() -> WorldStore.open(run.state, run.events, withPartition(spec, other),
                    OptionalLong.of(12), () -> 12, IoFaults.NONE)).isInstanceOf(StateException.class)
                    .hasMessageContaining("world.partitions " + partitions + " → " + other.count());

            run.ticks(FIRST.plusSeconds(7), 5);
            for (String dir : List.of("events", "state/truth")) {
                assertSameFiles(restarted.resolve(dir), straight.resolve(dir), 12);
            }
            assertThat(restarted.resolve("state").resolve(WorldStore.CHECKPOINT))
                    .hasSameBinaryContentAs(straight.resolve("state").resolve(WorldStore.CHECKPOINT));
        }
    }

    /**
     * Reads the checkpoint's header field by field as the format is documented: magic, version, the spec (version 1:
     * no partition, which is the whole world; version 2: then the partition's index and count), the seed; and its
     * CRC32C at the end.
     */
    private static void assertHeader(byte[] checkpoint, WorldSpec spec) throws IOException {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint));
        assertThat(in.readInt()).isEqualTo(0x4557434b);
        assertThat(in.readInt()).isEqualTo(spec.partition().isSplit() ? 2 : 1);
        assertThat(in.readInt()).isEqualTo(spec.shops());
        assertThat(in.readInt()).isEqualTo(spec.goods());
        assertThat(in.readInt()).isEqualTo(spec.users());
        assertThat(in.readLong()).isEqualTo(spec.startingBalance());
        assertThat(in.readLong()).isEqualTo(spec.priceMin());
        assertThat(in.readLong()).isEqualTo(spec.priceMax());
        assertThat(in.readInt()).isEqualTo(spec.maxOpenOrders());
        assertThat(in.readBoolean()).isEqualTo(spec.zipf());
        assertThat(in.readDouble()).isEqualTo(spec.zipfExponent());
        if (spec.partition().isSplit()) {
            assertThat(in.readInt()).isEqualTo(spec.partition().index());
            assertThat(in.readInt()).isEqualTo(spec.partition().count());
        }
        assertThat(in.readLong()).as("seed").isEqualTo(12);
        final CRC32C crc = new CRC32C();
        crc.update(checkpoint, 0, checkpoint.length - 4);
        assertThat(ByteBuffer.wrap(checkpoint, checkpoint.length - 4, 4).getInt()).isEqualTo((int) crc.getValue());
        assertThat(checkpoint.length).isGreaterThan(400); // the whole world, not a new world's header
    }

    private static WorldSpec withPartition(WorldSpec spec, Partition partition) {
        return new WorldSpec(spec.shops(), spec.goods(), spec.users(), spec.startingBalance(), spec.priceMin(),
                spec.priceMax(), spec.maxOpenOrders(), spec.zipf(), spec.zipfExponent(), partition);
    }

    @Test
    void theUnionOfTwoPartitionsWithAnomaliesHoldsExactlyTheLabelledOnes() throws Exception {
        final String anomalies = "[anomalies]\nduplicate = 0.02\ninvalid = 0.02\nmalformed = 0.01\n";
        final WorldRun first = new WorldRun(Files.createDirectories(root.resolve("p0")),
                TOML.formatted(0) + anomalies, 77);
        final WorldRun second = new WorldRun(Files.createDirectories(root.resolve("p1")),
                TOML.formatted(1) + anomalies, 77);
        first.ticks(FIRST, 20);
        second.ticks(FIRST, 20);
        final Map<String, Path> union = new LinkedHashMap<>();
        union.put("p0", first.events);
        union.put("p1", second.events);
        final List<String> found = new ReplayChecker(3000_00).replay(union).findings.stream()
                .map(ReplayChecker.Finding::key).sorted().toList();
        final List<String> labelled = new ArrayList<>();
        for (Map.Entry<String, WorldRun> run : Map.of("p0", first, "p1", second).entrySet()) {
            try (Stream<Path> files = Files.list(run.getValue().state.resolve(WorldStore.TRUTH_DIR))) {
                for (Path file : files.toList()) {
                    final JsonNode truth = JSON.readTree(file.toFile());
                    truth.get("anomalies").forEach(anomaly -> labelled.add(run.getKey() + "/"
                            + truth.get("file").asText() + ":" + anomaly.get("line").asInt() + ":"
                            + anomaly.get("kind").asText()));
                }
            }
        }
        assertThat(labelled).hasSizeGreaterThan(20);
        assertThat(found).isEqualTo(labelled.stream().sorted().toList());
    }

    @Test
    void aPartitionedStateIsRebuiltFromItsFilesAndContinuesByteForByte() throws Exception {
        final String toml = TOML.formatted(1) + "[anomalies]\nduplicate = 0.03\nout_of_order = 0.004\n"
                + "invalid = 0.02\nmalformed = 0.01\n";
        final Path whole = Files.createDirectories(root.resolve("whole"));
        final Path rebuilt = Files.createDirectories(root.resolve("rebuilt"));
        new WorldRun(whole, toml, 19).savedAtTheTick().ticks(FIRST, 24);
        final WorldRun run = new WorldRun(rebuilt, toml, 19).savedAtTheTick();
        run.ticks(FIRST, 16);
        WorldStoreTest.deleteTree(run.state);

        final var s = run.settings;
        final WorldRebuild.Result result = WorldRebuild.run(run.state, run.events, new WorldRebuild.Settings(
                s.getWorld().toSpec(), 19, new EventMix(s.getEvents().getMix().weights()), s.getAnomalies().toRates(),
                s.getPipeline().getShardsCount(), run.interval(), s.getEvents().getBatch(),
                s.getEvents().getEventsPerBatch(), s.getEvents().getMaxBatchSize()), line -> { });
        assertThat(result.files()).isEqualTo(16);
        run.ticks(FIRST.plusSeconds(16), 8);
        for (String dir : List.of("events", "state/truth")) {
            assertSameFiles(rebuilt.resolve(dir), whole.resolve(dir), 24);
        }
    }

    /** {@code actual} holds {@code count} files, the same names and bytes as {@code expected}. */
    private static void assertSameFiles(Path actual, Path expected, int count) throws IOException {
        final List<String> names;
        try (Stream<Path> files = Files.list(expected)) {
            names = files.map(path -> path.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted().toList()).hasSize(count)
                    .isEqualTo(names);
        }
        for (String name : names) {
            assertThat(actual.resolve(name)).as(name).hasSameBinaryContentAs(expected.resolve(name));
        }
    }

    @Test
    void theIdsOfEveryPartitionOfFourArePartitionsOwnAndDisjoint() throws Exception {
        final Map<Integer, Ids> byPartition = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            final WorldRun run = new WorldRun(Files.createDirectories(root.resolve("p" + p)),
                    TOML.formatted(p).replace("partitions = 2", "partitions = 4"), 5);
            run.ticks(FIRST, 8);
            byPartition.put(p, ids(run.events));
        }
        final Set<Long> orders = new TreeSet<>();
        for (int p = 0; p < 4; p++) {
            final int partition = p;
            final Ids ids = byPartition.get(p);
            assertThat(ids.shops()).allSatisfy(id -> assertThat(id % 4).isEqualTo(partition));
            assertThat(ids.users()).isNotEmpty().allSatisfy(id -> assertThat(id % 4).isEqualTo(partition));
            assertThat(ids.orders()).isNotEmpty().allSatisfy(id -> assertThat(id % 4).isEqualTo(partition));
            assertThat(orders).doesNotContainAnyElementsOf(ids.orders());
            orders.addAll(ids.orders());
        }
        assertThat(byPartition.get(0).shops()).containsExactly(4L, 8L);
        assertThat(byPartition.get(1).shops()).containsExactly(1L, 5L, 9L);
    }
}
