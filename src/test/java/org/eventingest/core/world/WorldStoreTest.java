package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.eventingest.core.IoFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of the state directory: what the log, the checkpoint and the event files say together. */
class WorldStoreTest {

    static final Instant FIRST = Instant.parse("2026-03-01T12:00:00Z");
    /** A small world with one-second ticks of up to 200 events (CommitInDoubtTest runs it too). */
    static final String TOML = """
            [events]
            generation_interval = 1
            events_per_batch = 200
            [world]
            shops = 6
            goods = 5
            users = 8
            starting_balance = 900.00
            """;

    @TempDir
    Path root;

    private static byte[] bytes(World world) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorldCodec.writeWorld(new DataOutputStream(out), world);
        return out.toByteArray();
    }

    private WorldStore reopen(WorldRun run) throws IOException {
        return WorldStore.open(run.state, run.events, run.settings.getWorld().toSpec(), OptionalLong.of(3), () -> 3,
                IoFaults.NONE);
    }

    @Test
    void anAbandonedTickIsUndoneExactlyAndAnAppliedRecordRedoesExactly() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        final WorldRun.Started started = run.start(FIRST, IoFaults.NONE);
        for (int i = 0; i < 5; i++) {
            started.tick(FIRST.plusSeconds(i));
        }
        final byte[] before = bytes(started.store().world());
        // The state cannot be appended to: the tick is generated in full, then abandoned.
        final WorldRun.Started failing = run.start(FIRST.plusSeconds(5), (step, path) -> {
            if (step.equals("state-log")) {
                throw new FileSystemException(path.toString(), null, "No space left on device");
            }
        });
        assertThat(failing.tick(FIRST.plusSeconds(5))).isFalse();
        assertThat(bytes(failing.store().world())).isEqualTo(before);

        // Published with a working state: a restart replays the log onto the checkpoint, to the same world.
        final WorldRun.Started working = run.start(FIRST.plusSeconds(6), IoFaults.NONE);
        assertThat(working.tick(FIRST.plusSeconds(6))).isTrue();
        assertThat(working.tick(FIRST.plusSeconds(7))).isTrue();
        final byte[] after = bytes(working.store().world());
        assertThat(after).isNotEqualTo(before);
        assertThat(Files.size(run.state.resolve(WorldStore.LOG_FILE))).isPositive();
        assertThat(bytes(reopen(run).world())).isEqualTo(after);
    }

    @Test
    void aRecordWhoseFileWasNeverLinkedIsDroppedAndOneWhoseFileExistsIsApplied() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        final WorldRun.Started started = run.start(FIRST, IoFaults.NONE);
        started.tick(FIRST);
        final byte[] afterFirst = bytes(started.store().world());
        // The next tick's record is durable, then its link fails: the file never appears.
        final WorldRun.Started noLink = run.start(FIRST.plusSeconds(1), (step, path) -> {
            if (step.equals("events-link")) {
                throw new AccessDeniedException(path.toString());
            }
        });
        assertThat(noLink.tick(FIRST.plusSeconds(1))).isFalse();
        assertThat(bytes(noLink.store().world())).isEqualTo(afterFirst);
        assertThat(WorldLog.scan(run.state.resolve(WorldStore.LOG_FILE)).entries()).isNotEmpty();

        assertThat(bytes(reopen(run).world())).isEqualTo(afterFirst);
        assertThat(reopen(run).lastFile()).contains("20260301120000");
        // The log was folded into a checkpoint at start: what was dropped stays dropped.
        assertThat(WorldLog.scan(run.state.resolve(WorldStore.LOG_FILE)).entries()).isEmpty();
    }

    @Test
    void aCommittedTickWhoseFileWasRemovedStaysInTheWorld() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        final WorldRun.Started started = run.start(FIRST, IoFaults.NONE);
        started.tick(FIRST);
        started.tick(FIRST.plusSeconds(1));
        final byte[] world = bytes(started.store().world());
        // Consumers (or the container's clean-up) removed the files: the commit marks keep the world, ids stay unique.
        try (Stream<Path> files = Files.list(run.events)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertThat(bytes(reopen(run).world())).isEqualTo(world);
    }

    @Test
    void aTornLastRecordIsCutOffAndDamageElsewhereStopsTheStartNamingTheOffset() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        final WorldRun.Started started = run.start(FIRST, IoFaults.NONE);
        started.tick(FIRST);
        started.tick(FIRST.plusSeconds(1));
        final byte[] world = bytes(started.store().world());
        final Path log = run.state.resolve(WorldStore.LOG_FILE);
        final long good = Files.size(log);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x45, 0x57, 0x4c, 0x52, 0, 0, 1}), good);
        }
        final Path copy = root.resolve("log-copy");
        Files.copy(log, copy);

        assertThat(bytes(reopen(run).world())).isEqualTo(world);
        assertThat(Files.size(log)).isZero(); // recovered, then folded into the checkpoint

        // The same log with one byte flipped inside its first record: not a torn tail, a damaged log.
        final byte[] damaged = Files.readAllBytes(copy);
        damaged[20] ^= 0x40;
        Files.write(log, damaged);
        assertThatThrownBy(() -> reopen(run)).isInstanceOf(StateException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("offset 0")
                .hasMessageContaining("rebuild-state");
    }

    @Test
    void aFlippedByteInTheCheckpointStopsTheStart() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3).checkpointEvery(1);
        final WorldRun.Started started = run.start(FIRST, IoFaults.NONE);
        started.tick(FIRST);
        final Path checkpoint = run.state.resolve(WorldStore.CHECKPOINT);
        final byte[] content = Files.readAllBytes(checkpoint);
        assertThat(content.length).isGreaterThan(400); // a full checkpoint, not a new world's header
        content[content.length / 2] ^= 1;
        Files.write(checkpoint, content);
        assertThatThrownBy(() -> reopen(run)).isInstanceOf(StateException.class)
                .hasMessageContaining(checkpoint.toString()).hasMessageContaining("checksum");
    }

    @Test
    void otherDimensionsOrAnotherSeedAreRefusedNamingTheKeys() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        run.start(FIRST, IoFaults.NONE).tick(FIRST);
        final WorldSpec spec = run.settings.getWorld().toSpec();
        final WorldSpec bigger = new WorldSpec(spec.shops() + 1, spec.goods(), spec.users(), spec.startingBalance(),
                spec.priceMin(), spec.priceMax(), spec.maxOpenOrders(), spec.zipf(), spec.zipfExponent());
        assertThatThrownBy(() -> WorldStore.open(run.state, run.events, bigger, OptionalLong.empty(), () -> 1,
                IoFaults.NONE)).isInstanceOf(StateException.class).hasMessageContaining("world.shops 6 → 7");
        assertThatThrownBy(() -> WorldStore.open(run.state, run.events, spec, OptionalLong.of(4), () -> 1,
                IoFaults.NONE)).isInstanceOf(StateException.class).hasMessageContaining("events.seed is 4")
                .hasMessageContaining("seed 3");
        // Without a configured seed the state's is used.
        assertThat(WorldStore.open(run.state, run.events, spec, OptionalLong.empty(), () -> 1, IoFaults.NONE).seed())
                .isEqualTo(3);
    }

    @Test
    void aMissingStateWithEventFilesOrAStateBehindThemIsRefusedNamingTheCommand() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        run.start(FIRST, IoFaults.NONE).tick(FIRST);
        final Path saved = root.resolve("saved-state");
        copyTree(run.state, saved);
        run.start(FIRST.plusSeconds(1), IoFaults.NONE).tick(FIRST.plusSeconds(1));

        // A state from before the newest file (restored from a backup): ids would repeat.
        deleteTree(run.state);
        copyTree(saved, run.state);
        assertThatThrownBy(() -> reopen(run)).isInstanceOf(StateException.class)
                .hasMessageContaining("ends at 20260301120000").hasMessageContaining("20260301120001.event-ingest.txt")
                .hasMessageContaining("rebuild-state");

        deleteTree(run.state);
        assertThatThrownBy(() -> reopen(run)).isInstanceOf(StateException.class)
                .hasMessageContaining("holds no world").hasMessageContaining("2 event files")
                .hasMessageContaining("rebuild-state");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path path : all.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void checkpointsFoldTheLogAndARestartContinuesByteForByte() throws Exception {
        final Path whole = Files.createDirectories(root.resolve("whole"));
        final Path split = Files.createDirectories(root.resolve("split"));
        new WorldRun(whole, TOML, 3).ticks(FIRST, 12);
        final WorldRun first = new WorldRun(split, TOML, 3).checkpointEvery(2_000);
        first.ticks(FIRST, 7);
        assertThat(Files.size(first.state.resolve(WorldStore.CHECKPOINT))).isGreaterThan(400);
        new WorldRun(split, TOML, 3).checkpointEvery(2_000).ticks(FIRST.plusSeconds(7), 5);
        for (String name : List.of("events", "state/truth")) {
            try (Stream<Path> files = Files.list(whole.resolve(name))) {
                final List<Path> expected = files.sorted().toList();
                assertThat(expected).hasSize(12);
                for (Path file : expected) {
                    assertThat(split.resolve(name).resolve(file.getFileName().toString())).as(file.toString())
                            .hasBinaryContent(Files.readAllBytes(file));
                }
            }
        }
    }
}
