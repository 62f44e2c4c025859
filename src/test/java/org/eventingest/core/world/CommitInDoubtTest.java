package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eventingest.core.Event;
import org.eventingest.core.EventLines;
import org.eventingest.core.Tick;
import org.eventingest.tick.Published;
import org.eventingest.tick.TickOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output whose commit point is not a file (Kafka's transaction), scripted: a commit that
 * fails before it happens, one whose outcome is unknown, a crash between the log record and the
 * commit. The world is always the one of exactly the committed ticks, and the replay of those
 * ticks is clean.
 */
class CommitInDoubtTest {

    private static final Instant FIRST = WorldStoreTest.FIRST;
    private static final String TOML = WorldStoreTest.TOML;

    @TempDir
    Path root;

    /** What the scripted output does with the next commit. */
    enum Next { COMMIT, FAIL, DOUBT_COMMITTED, DOUBT_NOT_COMMITTED, CRASH }

    /** Ticks kept in memory as a broker would keep committed transactions. */
    static final class ScriptedOutput implements TickOutput {
        final Map<String, String> committed = new LinkedHashMap<>();
        final List<Next> script = new ArrayList<>();
        boolean down;
        boolean canTell = true;

        @Override
        public Optional<String> unready() {
            return down ? Optional.of("the broker is down") : Optional.empty();
        }

        @Override
        public Published publish(Tick tick, Iterator<Event> lines, BeforeCommit beforeCommit) throws IOException {
            final StringBuilder content = new StringBuilder();
            long count = 0;
            while (lines.hasNext()) {
                final Event event = lines.next();
                content.append(event.isRaw() ? event.raw() : EventLines.toLine(event)).append('\n');
                count++;
            }
            beforeCommit.run();
            final Next next = script.isEmpty() ? Next.COMMIT : script.remove(0);
            switch (next) {
                case FAIL -> throw new IOException("aborted");
                case DOUBT_NOT_COMMITTED -> throw new InDoubtException("commit timed out", null);
                case DOUBT_COMMITTED -> {
                    committed.put(tick.prefix(), content.toString());
                    throw new InDoubtException("commit timed out", null);
                }
                case CRASH -> {
                    // The transaction committed, then the process died before the world heard of it.
                    committed.put(tick.prefix(), content.toString());
                    throw new IllegalStateException("crash");
                }
                default -> committed.put(tick.prefix(), content.toString());
            }
            return new Published(tick.prefix(), "topic", content.length(), count);
        }

        @Override
        public Optional<Set<String>> committed(SortedSet<String> prefixes) {
            if (!canTell) {
                return Optional.empty();
            }
            final Set<String> found = new TreeSet<>(prefixes);
            found.retainAll(committed.keySet());
            return Optional.of(found);
        }
    }

    private static byte[] bytes(World world) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorldCodec.writeWorld(new DataOutputStream(out), world);
        return out.toByteArray();
    }

    private static void assertReplaysTo(ScriptedOutput output, WorldEventGenerator generator, WorldRun run) {
        final ReplayChecker checker = new ReplayChecker(run.settings.getWorld().getStartingBalanceCents());
        output.committed.forEach((prefix, content) -> checker.file(prefix + Tick.FILE_SUFFIX, content));
        checker.finish();
        assertThat(checker.findings).isEmpty();
        checker.assertMatches(generator.view());
    }

    @Test
    void aCommitInDoubtHoldsTheTicksUntilTheOutputTellsAndThenKeepsOrDropsTheTick() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        final ScriptedOutput output = new ScriptedOutput();
        final WorldRun.Started started = run.start(FIRST, output);
        assertThat(started.tick(FIRST)).isTrue();
        final byte[] afterFirst = bytes(started.store().world());

        output.script.add(Next.DOUBT_COMMITTED);
        assertThat(started.tick(FIRST.plusSeconds(1))).isFalse();
        assertThat(started.generator().inDoubt()).containsExactly("20260301120001");
        // While the output cannot tell, no tick is generated and the world keeps the tick in doubt's changes.
        output.canTell = false;
        final byte[] inDoubt = bytes(started.store().world());
        assertThat(inDoubt).isNotEqualTo(afterFirst);
        assertThat(started.tick(FIRST.plusSeconds(2))).isFalse();
        assertThat(bytes(started.store().world())).isEqualTo(inDoubt);
        assertThat(output.committed).hasSize(2);
        // It was committed: kept, and the next tick follows it.
        output.canTell = true;
        assertThat(started.tick(FIRST.plusSeconds(3))).isTrue();
        assertThat(started.generator().inDoubt()).isEmpty();
        assertThat(output.committed).containsOnlyKeys("20260301120000", "20260301120001", "20260301120003");
        assertReplaysTo(output, started.generator(), run);

        output.script.add(Next.DOUBT_NOT_COMMITTED);
        final byte[] beforeLost = bytes(started.store().world());
        assertThat(started.tick(FIRST.plusSeconds(4))).isFalse();
        // It was not: its changes are undone before the next tick is generated.
        output.script.add(Next.FAIL);
        assertThat(started.tick(FIRST.plusSeconds(5))).isFalse();
        assertThat(bytes(started.store().world())).isEqualTo(beforeLost);
        assertThat(started.tick(FIRST.plusSeconds(6))).isTrue();
        assertReplaysTo(output, started.generator(), run);

        // A restart: the two ticks that were not committed left records without a mark; the output decides them
        // (and the marked one after them) before the next tick, and the world is the committed ticks' again.
        final byte[] world = bytes(started.store().world());
        final WorldRun.Started again = run.start(FIRST.plusSeconds(7), output);
        assertThat(again.generator().inDoubt()).containsExactly("20260301120004", "20260301120005");
        assertThat(again.tick(FIRST.plusSeconds(7))).isTrue();
        assertThat(again.generator().inDoubt()).isEmpty();
        assertReplaysTo(output, again.generator(), run);
        assertThat(bytes(run.start(FIRST.plusSeconds(8), output).store().world())).isNotEqualTo(world);
    }

    @Test
    void aCrashAfterTheCommitKeepsTheTickAndACrashBeforeItDropsIt() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 3);
        final ScriptedOutput output = new ScriptedOutput();
        final WorldRun.Started started = run.start(FIRST, output);
        assertThat(started.tick(FIRST)).isTrue();
        output.script.add(Next.CRASH);
        // The process dies here: no commit mark is written (what the job does in memory after it no longer matters).
        assertThat(started.tick(FIRST.plusSeconds(1))).isFalse();

        // The restart holds the record without a mark; the output is down, so nothing is decided and no tick runs.
        output.down = true;
        final WorldRun.Started restarted = run.start(FIRST.plusSeconds(2), output);
        assertThat(restarted.generator().inDoubt()).containsExactly("20260301120001");
        assertThat(restarted.tick(FIRST.plusSeconds(2))).isFalse();
        output.down = false;
        assertThat(restarted.tick(FIRST.plusSeconds(3))).isTrue();
        assertThat(output.committed).containsOnlyKeys("20260301120000", "20260301120001", "20260301120003");
        assertReplaysTo(output, restarted.generator(), run);

        // A record whose transaction never committed (a crash before the commit) is dropped.
        output.script.add(Next.FAIL);
        final byte[] before = bytes(restarted.store().world());
        assertThat(restarted.tick(FIRST.plusSeconds(4))).isFalse();
        final WorldRun.Started third = run.start(FIRST.plusSeconds(5), output);
        assertThat(third.generator().inDoubt()).containsExactly("20260301120004");
        assertThat(bytes(third.store().world())).isEqualTo(before);
        assertThat(third.tick(FIRST.plusSeconds(5))).isTrue();
        assertThat(output.committed).doesNotContainKey("20260301120004");
        assertReplaysTo(output, third.generator(), run);
    }

    @Test
    void theNewestTickTheStateKnowsOfIncludesTheMarkedRecordsHeldAfterOneInDoubt() throws Exception {
        // A tick aborted after its record was logged (or in doubt and not committed), then two committed ticks, then
        // a restart before the log is folded: the record without a mark is held, and so are the marked ones after it.
        final WorldRun run = new WorldRun(root, TOML, 3);
        final ScriptedOutput output = new ScriptedOutput();
        final WorldRun.Started started = run.start(FIRST, output);
        assertThat(started.tick(FIRST)).isTrue();
        output.script.add(Next.DOUBT_NOT_COMMITTED);
        assertThat(started.tick(FIRST.plusSeconds(1))).isFalse();
        assertThat(started.tick(FIRST.plusSeconds(2))).isTrue();
        assertThat(started.tick(FIRST.plusSeconds(3))).isTrue();
        assertThat(started.store().newestLogged()).contains("20260301120003");

        final WorldRun.Started again = run.start(FIRST.plusSeconds(4), output);
        assertThat(again.generator().inDoubt()).containsExactly("20260301120001");
        // The Kafka output refuses to start when the truth topic holds a tick newer than this (a state behind the
        // topic); the topic's newest is 20260301120003, which the state does hold.
        assertThat(again.store().newestLogged()).contains("20260301120003");
        assertThat(again.tick(FIRST.plusSeconds(4))).isTrue();
        assertThat(again.store().newestLogged()).contains("20260301120004");
        assertReplaysTo(output, again.generator(), run);
    }
}
