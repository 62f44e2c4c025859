package org.eventingest.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.core.TickSchedule;
import org.eventingest.files.EventFileNames;
import org.eventingest.files.EventFileWriter;
import org.eventingest.files.PublishedFile;

/**
 * {@code bench event-ingest.toml --events N}: one tick of exactly N events through the service's
 * own world generator (in memory) and writer into a scratch directory, then a plain buffered copy of the same bytes
 * to the same directory (the disk's rate for this data); prints both rates, their ratio, GC time
 * and peak heap.
 */
public final class BenchCommand extends ConfiguredCommand<EventIngestConfiguration> {

    public BenchCommand() {
        super("bench", "Writes one tick of N events and measures it against a raw write of the same bytes");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--events").type(Integer.class).setDefault(1_000_000)
                .help("events in the tick (default 1000000)");
        subparser.addArgument("--dir").type(String.class)
                .help("scratch directory (default: a new temporary directory, removed afterwards)");
        subparser.addArgument("--seed").type(Long.class).setDefault(1L).help("random seed (default 1)");
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        final int events = namespace.getInt("events");
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
        }
        final String dirArgument = namespace.getString("dir");
        final Path dir = dirArgument == null ? Files.createTempDirectory("event-ingest-bench") : Path.of(dirArgument);
        Files.createDirectories(dir);
        final Duration interval = Duration.ofSeconds(configuration.getSettings().getEvents().getGenerationInterval());
        final Instant boundary = new TickSchedule(interval).nextBoundaryAfter(Instant.now());
        final TickRandom random = new TickRandom(namespace.getLong("seed"));

        resetPeakHeap();
        final long gcBefore = gcMillis();
        final long started = System.nanoTime();
        final var settings = configuration.getSettings();
        final WorldEventGenerator generator = new WorldEventGenerator(settings.getWorld(),
                settings.getEvents().getMix().weights(), settings.getAnomalies(), settings.getPipeline().getShardsCount(),
                Clock.systemUTC(), namespace.getLong("seed"), null);
        final PublishedFile file = new EventFileWriter(dir).publish(EventFileNames.prefix(boundary),
                generator.events(new Tick(boundary, interval, events, random.forBoundary(boundary))));
        final double seconds = (System.nanoTime() - started) / 1e9;
        final long gc = gcMillis() - gcBefore;
        final long peakHeap = peakHeap();

        final double rawSeconds = rawCopy(file.path(), dir.resolve(".raw-copy.tmp"));
        final double rate = file.bytes() / seconds;
        final double rawRate = file.bytes() / rawSeconds;

        final var out = System.out;
        out.printf(Locale.ROOT, "events=%d bytes=%d bytes_per_event=%.1f%n", file.events(), file.bytes(),
                (double) file.bytes() / file.events());
        out.printf(Locale.ROOT, "tick_seconds=%.3f events_per_second=%.0f mb_per_second=%.1f%n", seconds,
                file.events() / seconds, rate / 1e6);
        out.printf(Locale.ROOT, "raw_write_seconds=%.3f raw_mb_per_second=%.1f ratio_to_raw=%.2f%n", rawSeconds,
                rawRate / 1e6, rate / rawRate);
        out.printf(Locale.ROOT, "gc_ms=%d gc_share=%.3f peak_heap_mb=%.1f max_heap_mb=%.1f%n", gc, gc / 1000.0 / seconds,
                peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        if (dirArgument == null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } else {
            Files.deleteIfExists(dir.resolve(".raw-copy.tmp"));
        }
    }

    /** The same bytes through a plain buffered stream, fsynced: what the disk takes for this data. */
    private static double rawCopy(Path source, Path target) throws IOException {
        final byte[] chunk = new byte[256 * 1024];
        long readNanos = 0;
        final long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(source);
             FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            final OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
            int read;
            while (true) {
                final long beforeRead = System.nanoTime();
                read = in.read(chunk);
                readNanos += System.nanoTime() - beforeRead;
                if (read < 0) {
                    break;
                }
                out.write(chunk, 0, read);
            }
            out.flush();
            channel.force(true);
        }
        // Reading the source back (from the page cache) is not part of writing it.
        final double seconds = (System.nanoTime() - started - readNanos) / 1e9;
        Files.deleteIfExists(target);
        return seconds;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
