package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eventingest.core.IoFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-system faults (a full disk, a refused permission) injected into the state and the events
 * directories, alone and in sequence, with and without a restart: the files that are published
 * replay clean, every one has its truth record, and the world never goes back.
 */
class WorldFaultsTest {

    private static final Instant FIRST = Instant.parse("2026-05-01T08:00:00Z");
    private static final String TOML = """
            [events]
            generation_interval = 1
            events_per_batch = 300
            [world]
            shops = 4
            goods = 6
            users = 5
            starting_balance = 700.00
            """;

    @TempDir
    Path root;

    /** Fails the steps it holds, as the file system would. */
    static final class Faults implements IoFaults {
        final Set<String> failing = new HashSet<>();
        boolean full;

        @Override
        public void check(String step, Path path) throws IOException {
            if (failing.contains(step)) {
                throw full ? new FileSystemException(path.toString(), null, "No space left on device")
                        : new AccessDeniedException(path.toString());
            }
        }

        Faults fail(boolean diskFull, String... steps) {
            failing.clear();
            failing.addAll(List.of(steps));
            full = diskFull;
            return this;
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertPublishedWorldIsWhole(WorldRun run, int files) throws Exception {
        final List<String> published = names(run.events);
        assertThat(published).hasSize(files).allMatch(name -> name.matches("\\d{14}\\.event-ingest\\.txt"));
        final ReplayChecker checker = run.check();
        assertThat(checker.findings).isEmpty(); // no reused order id, no broken invariant, in name order
        assertThat(names(run.state.resolve("truth")))
                .isEqualTo(published.stream().map(name -> name.substring(0, 14) + ".json").toList());
        final WorldView recovered = run.start(FIRST.plusSeconds(1000), IoFaults.NONE).generator().view();
        assertThat(recovered.lastFile()).isEqualTo(published.get(published.size() - 1));
        checker.assertMatches(recovered);
    }

    @Test
    void anUnwritableStateThenAnUnwritableEventsDirectoryLoseNothingWithoutARestartAndWithOne() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 9);
        final Faults faults = new Faults();
        final WorldRun.Started service = run.start(FIRST, faults);
        int second = 0;
        for (; second < 5; second++) {
            assertThat(service.tick(FIRST.plusSeconds(second))).isTrue();
        }
        faults.fail(false, "state-log", "state-truth", "state-checkpoint");
        for (; second < 8; second++) {
            assertThat(service.tick(FIRST.plusSeconds(second))).isFalse();
            assertThat(service.store().problem()).hasValueSatisfying(p -> assertThat(p).contains("world.log"));
        }
        faults.fail(true, "events-write");
        assertThat(service.tick(FIRST.plusSeconds(second++))).isFalse();
        faults.fail(true, "events-link");
        assertThat(service.tick(FIRST.plusSeconds(second++))).isFalse();
        faults.fail(false);
        for (; second < 15; second++) {
            assertThat(service.tick(FIRST.plusSeconds(second))).isTrue();
        }
        assertThat(service.store().problem()).isEmpty();
        final WorldRun.Started restarted = run.start(FIRST.plusSeconds(second), faults);
        for (; second < 20; second++) {
            assertThat(restarted.tick(FIRST.plusSeconds(second))).isTrue();
        }
        assertPublishedWorldIsWhole(run, 15);
    }

    @Test
    void aStateWriteThatFailsAfterTheLinkKeepsTheTickReportsItAndCatchesUp() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 10);
        final Faults faults = new Faults();
        final WorldRun.Started service = run.start(FIRST, faults);
        assertThat(service.tick(FIRST)).isTrue();
        faults.fail(true, "state-truth");
        assertThat(service.tick(FIRST.plusSeconds(1))).isTrue();
        assertThat(service.tick(FIRST.plusSeconds(2))).isTrue();
        assertThat(service.store().problem()).hasValueSatisfying(p -> assertThat(p).contains("truth"));
        assertThat(names(run.state.resolve("truth"))).hasSize(1);
        // A restart while it still fails: the log holds the truth records, written once the disk has room.
        final WorldRun.Started restarted = run.start(FIRST.plusSeconds(3), faults);
        faults.fail(false);
        assertThat(restarted.tick(FIRST.plusSeconds(3))).isTrue();
        assertThat(restarted.store().problem()).isEmpty();
        assertPublishedWorldIsWhole(run, 4);
    }

    @Test
    void aClockBehindTheNewestFileSkipsTicksUntilItPassesIt() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 11);
        final WorldRun.Started service = run.start(FIRST, IoFaults.NONE);
        for (int second = 0; second < 3; second++) {
            assertThat(service.tick(FIRST.plusSeconds(second))).isTrue();
        }
        final WorldRun.Started behind = run.start(FIRST.minusSeconds(3600), IoFaults.NONE);
        final WorldView before = behind.generator().view();
        for (int second = 0; second < 5; second++) {
            assertThat(behind.tick(FIRST.minusSeconds(3600 - second))).isFalse();
        }
        assertThat(behind.tick(FIRST.plusSeconds(2))).isFalse(); // the newest file's own second
        assertThat(behind.job().ticksBehind()).isEqualTo(6);
        assertThat(behind.job().behindBy()).hasValue(Duration.ZERO);
        assertThat(behind.generator().view()).isEqualTo(before);
        assertThat(behind.tick(FIRST.plusSeconds(3))).isTrue();
        assertThat(behind.job().behindBy()).isEmpty();
        assertPublishedWorldIsWhole(run, 4);
    }
}
