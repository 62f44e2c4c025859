package org.eventingest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eventingest.core.Event;
import org.eventingest.core.LineEncoder;
import org.eventingest.core.Money;
import org.eventingest.core.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Encoding one event line into the encoder's buffer, drained into a stream that drops the bytes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineBenchmark {

    private LineEncoder line;
    private Event purchase;
    private Event restock;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        line = new LineEncoder(OutputStream.nullOutputStream(), 256 * 1024);
        final Instant now = Instant.parse("2026-01-01T00:00:00.123Z");
        purchase = Event.of(new Payload.Purchase(179578454100000001L, 4961, 42, 287, 2, Money.ofCents(71_527)), now,
                now);
        restock = Event.of(new Payload.Restock(42, 287, 17, "supplier delivery", Payload.RestockKind.RESTOCK), now,
                now);
    }

    @Benchmark
    public void purchaseLine() throws IOException {
        line.write(purchase);
        sequence++;
    }

    @Benchmark
    public void restockLine() throws IOException {
        line.write(restock);
        sequence++;
    }
}
