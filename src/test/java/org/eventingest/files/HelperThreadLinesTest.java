package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventingest.core.Event;
import org.eventingest.core.EventLines;
import org.eventingest.core.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HelperThreadLinesTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private final ExecutorService helper = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        helper.shutdownNow();
    }

    @Test
    void everyLineArrivesInOrderThroughTheFewBuffers() throws Exception {
        final int lines = 50_000; // ~4 MB through four 4 KiB buffers: each reused many times
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final long written;
        try (HelperThreadLines onHelper = new HelperThreadLines(shops(lines, new AtomicInteger()), helper, 4096)) {
            written = onHelper.writeTo(out);
        }
        assertThat(written).isEqualTo(lines);
        final String[] text = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(text).hasSize(lines);
        for (int i = 0; i < lines; i += 997) {
            assertThat(text[i]).isEqualTo(EventLines.toLine(shop(i)));
        }
    }

    @Test
    void aFailingWriterStopsTheHelperWhichLetsGoOfTheSource() throws Exception {
        final AtomicInteger served = new AtomicInteger();
        final OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        final HelperThreadLines onHelper = new HelperThreadLines(shops(Integer.MAX_VALUE, served), helper, 4096);
        assertThatThrownBy(() -> onHelper.writeTo(broken)).hasMessage("disk full");
        onHelper.close();
        final int after = served.get();
        assertThat(helper.submit(() -> "free").get(5, TimeUnit.SECONDS)).isEqualTo("free");
        assertThat(served.get()).isEqualTo(after).isLessThan(10_000); // a few buffers' worth, then nothing
    }

    private static Iterator<Event> shops(int count, AtomicInteger served) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return served.get() < count;
            }

            @Override
            public Event next() {
                return shop(served.getAndIncrement());
            }
        };
    }

    private static Event shop(int i) {
        return Event.of(new Payload.ShopStatus(i + 1, i % 2 == 0), AT.plusMillis(i), AT);
    }
}
