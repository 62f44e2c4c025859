package org.eventingest.core.world;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.eventingest.core.Event;
import org.eventingest.core.EventFileName;
import org.eventingest.core.LineEncoder;
import org.eventingest.core.ManualClock;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.tick.BatchSize;

/**
 * Rebuilds a state directory from the event files alone: the files are the log. Each file, in
 * name order, is regenerated from the seed and the world so far and kept when its bytes are the
 * file's (but for {@code saved_at}, when a line was written): an exact replay, with every anomaly
 * and truth record as the service produced them. The tick's size is tried as the configured rate
 * draws it, then as the file's line count and a little below it (anomalies add lines); a file that
 * no size reproduces (another seed, other settings, an edited file) stops the rebuild, naming it.
 */
public final class WorldRebuild {

    /** What a rebuild did. */
    public record Result(int files, long lines, long bytes) {
    }

    /** How the files were generated: the configuration's rate and anomaly settings. */
    public record Settings(WorldSpec spec, long seed, EventMix mix, AnomalyRates anomalies, int shardsCount,
                           Duration interval, BatchSize batch, int eventsPerBatch, int maxBatchSize) {
    }

    /** Sizes below the line count tried, beyond the configured draw and the count itself. */
    private static final int BELOW_COUNT = 64;

    private WorldRebuild() {
    }

    /**
     * Writes a new state into {@code stateDir} (which must hold none) from the files of {@code eventsDir}.
     *
     * @throws StateException naming the first file that the settings and seed do not reproduce
     */
    public static Result run(Path stateDir, Path eventsDir, Settings settings, Consumer<String> progress)
            throws IOException {
        final WorldStore store = WorldStore.rebuilding(stateDir, settings.spec(), settings.seed());
        final ManualClock clock = new ManualClock(Instant.EPOCH);
        final WorldEventGenerator generator = new WorldEventGenerator(store, settings.mix(), settings.anomalies(),
                settings.shardsCount(), clock);
        final TickRandom random = new TickRandom(settings.seed(), settings.spec().partition().index());
        final List<String> files = StateGuards.publishedFiles(eventsDir);
        long lines = 0;
        long bytes = 0;
        int done = 0;
        for (String name : files) {
            final Instant instant = EventFileName.parse(name).orElseThrow().instant();
            try (FileChannel channel = FileChannel.open(eventsDir.resolve(name), StandardOpenOption.READ)) {
                final MappedByteBuffer content = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
                final int drawn = settings.batch().size(random.forBoundary(instant), settings.eventsPerBatch(),
                        settings.maxBatchSize());
                int count = replay(store, generator, clock, random, settings, instant, name, content, Set.of(drawn));
                if (count < 0) {
                    final int fileLines = countLines(content);
                    count = replay(store, generator, clock, random, settings, instant, name, content,
                            sizesBelow(fileLines, drawn));
                    if (count < 0) {
                        throw new StateException(name + " in " + eventsDir + " is not what the configuration and seed "
                                + settings.seed() + " generate after the files before it (tried sizes up to its "
                                + fileLines + " lines): rebuild with the seed and [events] settings it was "
                                + "written with");
                    }
                }
                lines += count;
                bytes += channel.size();
            }
            if (++done % 1000 == 0) {
                progress.accept(done + " of " + files.size() + " files");
            }
        }
        store.finishRebuild();
        return new Result(files.size(), lines, bytes);
    }

    /** Replays the file as a tick of one of {@code sizes}; its line count, or -1 if no size reproduces it. */
    private static int replay(WorldStore store, WorldEventGenerator generator, ManualClock clock, TickRandom random,
                              Settings settings, Instant instant, String name, MappedByteBuffer content,
                              Set<Integer> sizes) throws IOException {
        for (int size : sizes) {
            final RandomGenerator tickRandom = random.forBoundary(instant);
            if (settings.batch() == BatchSize.UNIFORM) {
                BatchSize.draw(tickRandom, settings.eventsPerBatch(), settings.maxBatchSize()); // as the tick job did
            }
            final Tick tick = new Tick(instant, settings.interval(), size, tickRandom);
            clock.set(instant);
            final FileMatch match = new FileMatch(content);
            try {
                final LineEncoder encoder = new LineEncoder(match, 1 << 16);
                final Iterator<Event> events = generator.events(tick);
                while (events.hasNext()) {
                    encoder.write(events.next());
                }
                encoder.drain();
            } catch (FileMatch.Mismatch e) {
                generator.abandoned(tick);
                continue;
            }
            if (!match.complete()) {
                generator.abandoned(tick);
                continue;
            }
            // The next file's duplicate repeats this line as the file has it, saved_at included.
            final CarryOver carry = store.world().carry;
            if (name.equals(carry.lastLineFile())) {
                store.world().carry(new CarryOver(carry.heldLine(), carry.heldShop(), match.line(carry.lastLineNo()),
                        carry.lastLineFile(), carry.lastLineNo(), carry.lastLineType(), carry.lastLineShop()));
            }
            generator.prepare(tick);
            generator.published(tick);
            return match.lines();
        }
        return -1;
    }

    /** The sizes to try after the configured draw failed: the line count, then a little below it. */
    private static Set<Integer> sizesBelow(int count, int drawn) {
        final Set<Integer> sizes = new LinkedHashSet<>();
        for (int size = count; size >= Math.max(1, count - BELOW_COUNT); size--) {
            if (size != drawn) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    private static int countLines(MappedByteBuffer content) {
        int lines = 0;
        for (int i = 0; i < content.limit(); i++) {
            if (content.get(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
