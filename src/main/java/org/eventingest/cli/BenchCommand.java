package org.eventingest.cli;

import com.codahale.metrics.MetricRegistry;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.core.IoFaults;
import org.eventingest.core.TickRandom;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.world.WorldStore;
import org.eventingest.files.EventFileWriter;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.Published;
import org.eventingest.tick.Rate;
import org.eventingest.tick.TickSchedule;

/**
 * {@code bench event-ingest.toml --events N --ticks T}: T ticks of exactly N events through the
 * service's own tick (world generator committing with each file, helper thread, writer, publication)
 * into a scratch directory; after each tick, a plain buffered, fsynced copy of its bytes into a
 * new file in the same directory, kept like the tick's (the disk's rate for this data: rewriting
 * one scratch file would measure recycled page-cache pages instead, two to three times faster);
 * prints per-tick and median rates, their ratio to the raw rate, GC time and peak heap.
 */
public final class BenchCommand extends ConfiguredCommand<EventIngestConfiguration> {

    public BenchCommand() {
        super("bench", "Writes one tick of N events and measures it against a raw write of the same bytes");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--events").type(Integer.class).setDefault(1_000_000)
                .help("events in each tick (default 1000000)");
        subparser.addArgument("--ticks").type(Integer.class).setDefault(3).help("ticks to run (default 3)");
        subparser.addArgument("--dir").type(String.class)
                .help("scratch directory (default: a new temporary directory, removed afterwards)");
        subparser.addArgument("--interval").type(Integer.class)
                .help("generation_interval in seconds for the events' timestamps (default: the configuration's)");
        subparser.addArgument("--seed").type(Long.class).setDefault(1L).help("random seed (default 1)");
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        final int events = namespace.getInt("events");
        final int ticks = namespace.getInt("ticks");
        if (events < 1 || ticks < 1) {
            throw new IllegalArgumentException("--events and --ticks must be at least 1");
        }
        final String dirArgument = namespace.getString("dir");
        final Path dir = dirArgument == null ? Files.createTempDirectory("event-ingest-bench") : Path.of(dirArgument);
        final Path eventsDir = Files.createDirectories(dir.resolve("events"));
        final var settings = configuration.getSettings();
        final Integer intervalArgument = namespace.getInt("interval");
        final Duration interval = Duration.ofSeconds(intervalArgument != null ? intervalArgument
                : settings.getEvents().getGenerationInterval());
        final long seed = namespace.getLong("seed");
        final ExecutorService helper = Executors.newSingleThreadExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "generator-helper");
            thread.setDaemon(true);
            return thread;
        });
        // The service's own tick: the world generator (committing with each file), the writer, the helper thread.
        final WorldStore store = WorldStore.open(dir.resolve("state"), eventsDir, settings.getWorld().toSpec(),
                OptionalLong.of(seed), () -> seed, IoFaults.NONE);
        final EventTickJob job = new EventTickJob(new WorldEventGenerator(store,
                new EventMix(settings.getEvents().getMix().weights()), settings.getAnomalies().toRates(),
                settings.getPipeline().getShardsCount(), Clock.systemUTC()), new EventFileWriter(eventsDir),
                new TickRandom(seed, settings.getWorld().getPartition()),
                new AtomicReference<>(new Rate(events, events, interval, BatchSize.EXACT)),
                new MetricRegistry(), List.of(), helper);

        final var out = System.out;
        out.printf(Locale.ROOT, "bench: %d ticks of %d events into %s (heap max %.0f MB, %d cores)%n", ticks, events,
                eventsDir, Runtime.getRuntime().maxMemory() / 1e6, Runtime.getRuntime().availableProcessors());
        resetPeakHeap();
        final double[] rates = new double[ticks];
        final double[] megabytes = new double[ticks];
        long totalBytes = 0;
        long totalEvents = 0;
        double totalSeconds = 0;
        final double[] raw = new double[ticks];
        final List<Path> rawCopies = new ArrayList<>();
        long gcInTicks = 0;
        Instant boundary = new TickSchedule(interval).nextBoundaryAfter(Instant.now());
        for (int i = 0; i < ticks; i++) {
            final long gcBeforeTick = gcMillis();
            final long started = System.nanoTime();
            final Published file = job.runSized(boundary, events)
                    .orElseThrow(() -> new IllegalStateException("a tick was not published; see the log"));
            final double seconds = (System.nanoTime() - started) / 1e9;
            gcInTicks += gcMillis() - gcBeforeTick;
            rates[i] = file.events() / seconds;
            megabytes[i] = file.bytes() / seconds / 1e6;
            totalBytes += file.bytes();
            totalEvents += file.events();
            totalSeconds += seconds;
            // The raw rate under the same conditions: a new file in the same directory, kept like the tick's.
            final Path copy = eventsDir.resolve(".raw-copy-" + i + ".tmp");
            rawCopies.add(copy);
            raw[i] = file.bytes() / rawCopy(eventsDir.resolve(file.name()), copy) / 1e6;
            out.printf(Locale.ROOT,
                    "tick %d: %d events, %d bytes in %.3f s: %.0f events/s, %.1f MB/s; raw write %.1f MB/s%n",
                    i + 1, file.events(), file.bytes(), seconds, rates[i], megabytes[i], raw[i]);
            boundary = boundary.plus(interval);
        }
        final long gc = gcInTicks;
        final long peakHeap = peakHeap();
        helper.shutdownNow();
        for (Path copy : rawCopies) {
            Files.deleteIfExists(copy);
        }
        final double medianMegabytes = median(megabytes);
        final double medianRaw = median(raw);
        out.printf(Locale.ROOT, "service: median %.0f events/s, %.1f MB/s, %.1f bytes/event%n", median(rates),
                medianMegabytes, (double) totalBytes / totalEvents);
        out.printf(Locale.ROOT, "raw write of the same bytes after each tick (buffered stream, new file kept, fsync, "
                + "same directory): median %.1f MB/s%n",
                medianRaw);
        out.printf(Locale.ROOT, "ratio service/raw: %.2f%n", medianMegabytes / medianRaw);
        final double[] sorted = raw.clone();
        Arrays.sort(sorted);
        if (sorted[sorted.length - 1] > 2 * sorted[0]) {
            // Seen on small VMs: pages the kernel has just freed are filled two to three times faster.
            out.printf(Locale.ROOT, "note: the raw rate varied %.0f-%.0f MB/s within the run (the page cache's state); "
                    + "the ratio to the slowest raw write is %.2f, to the fastest %.2f%n", sorted[0],
                    sorted[sorted.length - 1], medianMegabytes / sorted[0],
                    medianMegabytes / sorted[sorted.length - 1]);
        }
        out.printf(Locale.ROOT, "gc: %d ms, %.1f%% of tick time; peak heap %.1f MB of %.1f MB%n", gc,
                100.0 * gc / 1000 / totalSeconds, peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        if (dirArgument == null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double median(double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** The same bytes through a plain buffered stream, fsynced: what the disk takes for this data. */
    private static double rawCopy(Path source, Path target) throws IOException {
        final byte[] chunk = new byte[256 * 1024];
        long readNanos = 0;
        final long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(source);
             FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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
        return (System.nanoTime() - started - readNanos) / 1e9;
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
