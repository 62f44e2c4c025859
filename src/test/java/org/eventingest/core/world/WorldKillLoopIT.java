package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.eventingest.core.EventFileName;
import org.eventingest.core.IoFaults;
import org.eventingest.files.EventFileNames;
import org.eventingest.support.JarProcess;
import org.eventingest.support.PipelineStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a server, killed with SIGKILL again and again at random moments of its
 * 50,000-event ticks (generation, the file's write, fsync and link, the state's append, commit
 * mark, truth record and checkpoint; half the starts checkpoint after every tick): once a start
 * has published a file, after a seeded random 0..1.5 s, every other kill aimed into the next
 * tick. Restarted each time, then started once more and stopped with TERM. Whatever instant the kills hit: no temporary
 * file outlives the next start, no published file changes or disappears, names only grow, every
 * file has its truth record, an independent replay of the files finds nothing (no reused order
 * id, no broken invariant) and the state on disk holds exactly the replayed world.
 */
class WorldKillLoopIT {

    private static final int KILLS = 20;
    private static final int EVENTS = 50_000;
    private static final long SEED = 21;
    /** The configuration's {@code [world]} with its defaults: balance 100000.00, prices 1.00..500.00. */
    private static final WorldSpec SPEC = new WorldSpec(30, 40, 500, 10_000_000L, 100, 50_000, 10_000, false, 1.0);
    private static final Duration FIRST_FILE_WITHIN = Duration.ofSeconds(60);
    private static final int MAX_EXTRA_DELAY_MS = 1500;
    /** A little more than a warm 50,000-event tick here (50 to 100 ms), generation to checkpoint. */
    private static final int AIM_MS = 120;
    /**
     * C1 only: on two cores the C2 compiler threads double the time from {@code java} to the first
     * file (about 4.5 s to 2.7 s) and a cold tick's (about 900 ms to 300 ms).
     */
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /** Kept when the test fails, for a look at the files, the state and the logs (the message names it). */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final PipelineStandIn pipeline = new PipelineStandIn();
    private Process service;

    WorldKillLoopIT() throws IOException {
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        pipeline.close();
    }

    @Test
    void aServerKilledAtRandomMomentsOfItsTicksKeepsTheWorldOfExactlyItsPublishedFiles() throws Exception {
        final Path shared = dir.resolve("shared");
        final Path events = shared.resolve("events");
        final Path state = shared.resolve("event-ingest-state");
        final Path config = dir.resolve("event-ingest.toml");
        Files.writeString(config, """
                [server]
                port = 0
                [admin]
                port = 0
                [events]
                generation_interval = 1
                events_per_batch = %d
                max_batch_size = %d
                batch = "exact"
                seed = %d
                [world]
                shops = %d
                goods = %d
                users = %d
                [logging]
                format = "text"
                [pipeline]
                url = "%s"
                retry_initial_delay_ms = 100
                retry_max_delay_ms = 1000
                drain_timeout = 1
                [storage]
                shared_dir = "%s"
                """.formatted(EVENTS, EVENTS, SEED, SPEC.shops(), SPEC.goods(), SPEC.users(), pipeline.url(), shared));

        final Random random = new Random(SEED);
        final Map<String, Long> sizes = new TreeMap<>(); // every published file seen, with its size
        final Map<String, Integer> moments = new TreeMap<>(); // what each kill interrupted, as the state shows it
        final List<String> kills = new ArrayList<>();
        for (int run = 1; run <= KILLS; run++) {
            final boolean checkpointEveryTick = random.nextBoolean();
            final List<String> jvm = new ArrayList<>(JVM);
            if (checkpointEveryTick) {
                jvm.add("-Devent-ingest.checkpoint-log-bytes=1");
            }
            final Path log = dir.resolve("run-" + run + ".log");
            final TreeSet<String> before = published(events);
            final List<String> leftovers = temporaries(events);
            final long started = System.nanoTime();
            service = JarProcess.startServer(config, log, jvm);
            final List<String> fresh = awaitNewFile(service, events, before, log, "start " + run);
            assertThat(fresh).as("start %d: files newer than every earlier one (%s)", run, before.isEmpty() ? "none"
                    : before.last()).allMatch(name -> before.isEmpty() || name.compareTo(before.last()) > 0);
            assertThat(temporaries(events)).as("start %d: temporary files the kill before left, once a file is "
                    + "published again (%s)", run, leftovers).noneMatch(leftovers::contains);

            final long toFile = (System.nanoTime() - started) / 1_000_000;
            // Uniform over 0..1500 ms, or (every other kill) aimed into the next tick: from its boundary on
            // the wall clock the server's ticks follow, to a little past a warm tick's length.
            final int delay = run % 2 == 1 ? random.nextInt(MAX_EXTRA_DELAY_MS + 1)
                    : (int) Math.min(MAX_EXTRA_DELAY_MS,
                            1000 - System.currentTimeMillis() % 1000 + random.nextInt(AIM_MS));
            assertThat(service.waitFor(delay, TimeUnit.MILLISECONDS)).as("start %d exited by itself:%n%s", run,
                    tail(log)).isFalse();
            service.destroyForcibly(); // SIGKILL: no shutdown hook, the tick in progress stops where it is
            assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("start %d: killed", run).isTrue();

            final String moment = moment(events, state);
            moments.merge(moment, 1, Integer::sum);
            kills.add("kill %d (%s first at %d ms, +%d ms%s): %s".formatted(run, fresh.get(0), toFile, delay,
                    checkpointEveryTick ? ", checkpoint per tick" : "", moment));
            assertUnchanged(sizes, events, "kill " + run);
        }
        final String summary = "in " + dir + ": " + kills.size() + " kills, " + published(events).size()
                + " files before the last start; " + moments + "\n  " + String.join("\n  ", kills);
        System.out.println("WorldKillLoopIT: " + summary);

        // One more start, to a file, then a clean stop: it publishes the tick in progress whole.
        final Path lastLog = dir.resolve("last.log");
        final TreeSet<String> before = published(events);
        service = JarProcess.startServer(config, lastLog, JVM);
        awaitNewFile(service, events, before, lastLog, "the last start");
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("TERM stops the last start:%n%s", tail(lastLog)).isTrue();
        assertUnchanged(sizes, events, "the last start");

        final List<String> files = new ArrayList<>(published(events));
        final String about = "in " + dir + ": " + kills.size() + " kills, " + files.size() + " files " + files.get(0)
                + " .. " + files.get(files.size() - 1);
        // Every check runs and reports, whichever fails: one failing does not hide what the others say.
        final SoftAssertions softly = new SoftAssertions();
        // (6) the kills, (5) the files: at least one per start, in strictly increasing name order.
        softly.assertThat(kills).as("kills: %s", summary).hasSizeGreaterThanOrEqualTo(20);
        softly.assertThat(files).as("files: %s", about).hasSizeGreaterThanOrEqualTo(20)
                .isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        // (1) nothing temporary is left in the events directory.
        softly.assertThat(temporaries(events)).as("temporary files: %s", about).isEmpty();
        // (2) every published file, and only those, has its truth record, with the file's line count.
        final List<String> prefixes = files.stream().map(EventFileNames::prefixOf).toList();
        try (Stream<Path> truth = Files.list(state.resolve(WorldStore.TRUTH_DIR))) {
            softly.assertThat(truth.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("."))
                    .sorted().toList()).as("truth records: %s", about)
                    .containsExactlyElementsOf(prefixes.stream().map(prefix -> prefix + ".json").toList());
        }
        final ObjectMapper json = new ObjectMapper();
        for (String name : files) {
            final long lines = lines(events.resolve(name));
            softly.assertThat(lines).as("lines of %s: %s", name, about).isEqualTo(EVENTS);
            final Path truth = state.resolve(WorldStore.TRUTH_DIR).resolve(EventFileNames.prefixOf(name) + ".json");
            if (Files.exists(truth)) {
                softly.assertThat(json.readTree(truth.toFile()).path("lines").asLong())
                        .as("truth of %s: %s", name, about).isEqualTo(lines);
            }
        }
        // (3) an independent replay in name order: no reused order id, no broken invariant, nothing out of order.
        final ReplayChecker checker = new ReplayChecker(SPEC.startingBalance()).withoutDuplicates().replay(events);
        softly.assertThat(checker.findings.size()).as("findings of the replay of %d events: %s%n%s", checker.events,
                describe(checker.findings, events), summary).isZero();
        softly.assertThat(checker.events).as("events replayed: %s", about).isEqualTo(EVENTS * files.size());
        // (4) the state, opened offline, holds the world of exactly these files.
        softly.check(() -> {
            final WorldStore store = WorldStore.open(state, events, SPEC, OptionalLong.of(SEED), () -> SEED,
                    IoFaults.NONE);
            assertThat(store.lastFile()).as("the state's last file: %s", about)
                    .isEqualTo(Optional.of(prefixes.get(prefixes.size() - 1)));
            checker.assertMatches(store.world().view(null));
        });
        System.out.println("WorldKillLoopIT: " + files.size() + " files, " + checker.events + " events replayed, "
                + checker.findings.size() + " findings; state files left: " + names(state));
        softly.assertAll();
    }

    /** The findings in all, then by file and reason, with the first few lines of the first files. */
    private static String describe(List<ReplayChecker.Finding> findings, Path events) throws IOException {
        final Map<String, Long> all = findings.stream().collect(Collectors.groupingBy(
                f -> f.kind() + " (" + f.why() + ")", TreeMap::new, Collectors.counting()));
        final StringBuilder out = new StringBuilder().append(all);
        final Map<String, List<ReplayChecker.Finding>> byFile = findings.stream()
                .collect(Collectors.groupingBy(ReplayChecker.Finding::file, TreeMap::new, Collectors.toList()));
        int shown = 0;
        for (Map.Entry<String, List<ReplayChecker.Finding>> file : byFile.entrySet()) {
            final Map<String, Long> reasons = file.getValue().stream().collect(Collectors.groupingBy(
                    f -> f.kind() + " (" + f.why() + ")", TreeMap::new, Collectors.counting()));
            out.append("\n  ").append(file.getKey()).append(": ").append(file.getValue().size()).append(' ')
                    .append(reasons);
            if (shown++ < 5) {
                final List<String> lines = Files.readAllLines(events.resolve(file.getKey()), StandardCharsets.UTF_8);
                file.getValue().stream().sorted(Comparator.comparingInt(ReplayChecker.Finding::line)).limit(3)
                        .forEach(f -> out.append("\n    line ").append(f.line()).append(", ").append(f.kind())
                                .append(" (").append(f.why()).append("): ").append(lines.get(f.line() - 1)));
            }
        }
        return out.toString();
    }

    /** Waits until the started process has published a file not in {@code before}; fails early if it exits. */
    private static List<String> awaitNewFile(Process process, Path events, TreeSet<String> before, Path log,
                                             String what) throws IOException {
        try {
            return await(what).atMost(FIRST_FILE_WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(what + " exited with " + process.exitValue() + " before a file:\n"
                            + tail(log));
                }
                final List<String> fresh = published(events).stream().filter(name -> !before.contains(name)).toList();
                return fresh.isEmpty() ? null : fresh;
            }, fresh -> fresh != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": no new file within " + FIRST_FILE_WITHIN + ":\n" + tail(log), e);
        }
    }

    /** Every file seen stays, with its size: a published file is never replaced, cut or removed. */
    private static void assertUnchanged(Map<String, Long> sizes, Path events, String when) throws IOException {
        for (Map.Entry<String, Long> seen : sizes.entrySet()) {
            final Path file = events.resolve(seen.getKey());
            assertThat(file).as("%s: %s", when, seen.getKey()).exists();
            assertThat(Files.size(file)).as("%s: size of %s", when, seen.getKey()).isEqualTo(seen.getValue());
        }
        for (String name : published(events)) {
            sizes.putIfAbsent(name, Files.size(events.resolve(name)));
        }
    }

    /**
     * What the kill interrupted, as the directories show it (no process runs): a torn log record, a
     * tick logged but not linked, linked without its commit mark, a file being written, a checkpoint
     * being written, or nothing pending (between ticks, or after the commit mark).
     */
    private static String moment(Path events, Path state) throws IOException {
        final WorldLog.Scan scan = WorldLog.scan(state.resolve(WorldStore.LOG_FILE));
        if (scan.tornBytes() > 0) {
            return "torn world.log record";
        }
        final Set<Long> marked = scan.entries().stream().filter(WorldLog.Entry::commit)
                .map(WorldLog.Entry::seq).collect(Collectors.toSet());
        final Optional<WorldLog.Entry> open = scan.entries().stream()
                .filter(entry -> !entry.commit() && !marked.contains(entry.seq())).reduce((a, b) -> b);
        if (open.isPresent()) {
            return Files.exists(events.resolve(EventFileNames.published(open.get().prefix())))
                    ? "linked, no commit mark" : "logged, not linked";
        }
        if (!temporaries(events).isEmpty()) {
            return "file being written";
        }
        if (Files.exists(state.resolve("." + WorldStore.CHECKPOINT + ".tmp"))) {
            return "checkpoint being written";
        }
        return "nothing pending";
    }

    private static TreeSet<String> published(Path events) {
        if (!Files.isDirectory(events)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(events)) {
            return files.map(path -> path.getFileName().toString()).filter(EventFileName::isPublished)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> temporaries(Path events) throws IOException {
        if (!Files.isDirectory(events)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(events)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".")).sorted()
                    .toList();
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static long lines(Path file) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String tail(Path log) {
        try {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
