package org.eventingest.bench;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventingest.core.Event;
import org.eventingest.core.Payload;
import org.eventingest.files.EventFileNames;
import org.eventingest.files.EventFileWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publishing a one-event file alone: write, fsync, hard link, unlink, directory fsync. Prints the
 * median of the publication step ({@code files.publication}: the two fsyncs and the link) at the end,
 * back to back and after a pause.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PublishBenchmark {

    private Path dir;
    private EventFileWriter writer;
    private MetricRegistry metrics;
    private Instant instant = Instant.parse("2026-01-01T00:00:00Z");
    private final Event event = Event.of(new Payload.ShopStatus(1, true), Instant.EPOCH, Instant.EPOCH);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("publish-bench");
        metrics = new MetricRegistry();
        writer = new EventFileWriter(dir, metrics);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        final Snapshot publication = metrics.timer("files.publication").getSnapshot();
        System.out.printf("%nfiles.publication (pause %d ms): median %.3f ms, p99 %.3f ms over %d files%n",
                pauseMillis, publication.getMedian() / 1e6, publication.get99thPercentile() / 1e6,
                metrics.timer("files.publication").getCount());
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Idle time before each publication: 0 publishes back to back; 200 is closer to the service,
     * which publishes once per {@code generation_interval} (the disk's first fsync after idle is slower).
     */
    @Param({"0", "200"})
    public int pauseMillis;

    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
        if (pauseMillis > 0) {
            TimeUnit.MILLISECONDS.sleep(pauseMillis); // not measured: Level.Invocation setup
        }
    }

    @Benchmark
    public Object publish() throws IOException {
        instant = instant.plusSeconds(1);
        return writer.publish(EventFileNames.prefix(instant), List.of(event).iterator());
    }
}
