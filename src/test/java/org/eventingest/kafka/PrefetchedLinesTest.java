package org.eventingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventingest.core.Event;
import org.eventingest.core.EventLines;
import org.eventingest.core.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A large tick's lines encoded on the helper thread and sent from the tick's thread. */
class PrefetchedLinesTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private final ExecutorService helper = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        helper.shutdownNow();
    }

    private static Iterator<Event> shops(int count, AtomicInteger served, int failAt) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return served.get() < count;
            }

            @Override
            public Event next() {
                final int i = served.getAndIncrement();
                if (i == failAt) {
                    throw new IllegalStateException("the world broke at " + i);
                }
                return i % 3 == 0 ? Event.raw("raw " + i, i + 1) : shop(i);
            }
        };
    }

    private static Event shop(int i) {
        return Event.of(new Payload.ShopStatus(i + 1, i % 2 == 0), AT.plusMillis(i), AT);
    }

    @Test
    void everyLineArrivesInOrderAsItsValueWithoutTheNewlineAndItsShop() {
        final int count = 5_000; // several chunks
        final List<PrefetchedLines.Line> lines = new ArrayList<>();
        try (PrefetchedLines prefetched = new PrefetchedLines(shops(count, new AtomicInteger(), -1), helper)) {
            prefetched.forEachRemaining(lines::add);
        }
        assertThat(lines).hasSize(count);
        for (int i = 0; i < count; i++) {
            final String value = new String(lines.get(i).value(), StandardCharsets.UTF_8);
            assertThat(value).isEqualTo(i % 3 == 0 ? "raw " + i : EventLines.toLine(shop(i)));
            assertThat(lines.get(i).shopId()).isEqualTo(i + 1);
        }
        final List<PrefetchedLines.Line> inline = new ArrayList<>();
        PrefetchedLines.inline(shops(count, new AtomicInteger(), -1), new RecordValues()).forEachRemaining(inline::add);
        for (int i = 0; i < count; i += 97) {
            assertThat(inline.get(i).value()).isEqualTo(lines.get(i).value());
        }
    }

    @Test
    void aSenderThatStopsStopsTheHelperWhichLetsGoOfTheSource() {
        final AtomicInteger served = new AtomicInteger();
        try (PrefetchedLines prefetched = new PrefetchedLines(shops(1_000_000, served, -1), helper)) {
            prefetched.next();
        }
        final int after = served.get();
        assertThat(after).isLessThan(1_000_000);
        assertThat(served.get()).as("the source is not touched once close() returned").isEqualTo(after);
    }

    @Test
    void aFailureOfTheSourceReachesTheSenderAfterTheLinesBeforeIt() {
        final List<PrefetchedLines.Line> lines = new ArrayList<>();
        try (PrefetchedLines prefetched = new PrefetchedLines(shops(3_000, new AtomicInteger(), 2_500), helper)) {
            assertThatThrownBy(() -> prefetched.forEachRemaining(lines::add))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("the world broke at 2500");
        }
        assertThat(lines).hasSize(2_048); // the whole chunks before the failure
    }
}
