package org.eventingest.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eventingest.core.Event;
import org.eventingest.core.EventLines;
import org.eventingest.core.Money;
import org.eventingest.core.Payload;
import org.eventingest.core.TimestampFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Serializing one event line through the reused generator, into a stream that drops the bytes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineBenchmark {

    private JsonGenerator json;
    private final TimestampFormat savedAt = new TimestampFormat();
    private final TimestampFormat timestamp = new TimestampFormat();
    private Event purchase;
    private Event restock;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        json = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build()
                .createGenerator(OutputStream.nullOutputStream());
        json.setRootValueSeparator(null);
        final Instant now = Instant.parse("2026-01-01T00:00:00.123Z");
        purchase = Event.of(new Payload.Purchase(179578454100000001L, 4961, 42, 287, 2, Money.ofCents(71_527)), now, now);
        restock = Event.of(new Payload.Restock(42, 287, 17, "supplier delivery", Payload.RestockKind.RESTOCK), now, now);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        json.close();
    }

    @Benchmark
    public void purchaseLine() throws IOException {
        EventLines.write(json, purchase, savedAt, timestamp);
        sequence++;
    }

    @Benchmark
    public void restockLine() throws IOException {
        EventLines.write(json, restock, savedAt, timestamp);
        sequence++;
    }
}
