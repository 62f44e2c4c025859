package org.eventingest.tick;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.MixSettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.Event;
import org.eventingest.core.EventGenerator;
import org.eventingest.core.Payload;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.files.EventFileWriter;
import org.eventingest.files.FileTickOutput;
import org.eventingest.support.Worlds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventTickJobTest {

    private static final Instant BOUNDARY = Instant.parse("2025-10-15T17:41:40Z");

    @TempDir
    Path first;

    @TempDir
    Path second;

    private final List<Published> published = new ArrayList<>();

    /** A uniform rate of {@code eventsPerBatch} (at most {@code maxBatchSize}) every 10 s. */
    private static AtomicReference<Rate> rate(int eventsPerBatch,
                                                                                            int maxBatchSize) {
        return new AtomicReference<>(new Rate(eventsPerBatch, maxBatchSize,
                Duration.ofSeconds(10), BatchSize.UNIFORM));
    }

    private EventTickJob job(Path dir, long seed, MetricRegistry metrics) {
        return new EventTickJob(Worlds.inMemory(new WorldSettings(), new MixSettings().weights(),
                new AnomalySettings(), 2, Clock.fixed(BOUNDARY.plusMillis(3), ZoneOffset.UTC), seed),
                new EventFileWriter(dir), new TickRandom(seed), rate(500, 1000), metrics, List.of(published::add));
    }

    @Test
    void theSameSeedAndClockGiveByteIdenticalFiles() throws Exception {
        job(first, 99, new MetricRegistry()).run(BOUNDARY);
        job(second, 99, new MetricRegistry()).run(BOUNDARY);

        final byte[] a = Files.readAllBytes(first.resolve("20251015174140.event-ingest.txt"));
        final byte[] b = Files.readAllBytes(second.resolve("20251015174140.event-ingest.txt"));
        assertThat(a).isEqualTo(b);
        assertThat(published).hasSize(2);
        assertThat(published.get(0).events()).isBetween(1L, 500L);

        Files.delete(second.resolve("20251015174140.event-ingest.txt"));
        job(second, 100, new MetricRegistry()).run(BOUNDARY);
        assertThat(Files.readAllBytes(second.resolve("20251015174140.event-ingest.txt"))).isNotEqualTo(a);
    }

    @Test
    void aCollisionIsCountedAndLeavesTheExistingFile() throws Exception {
        final MetricRegistry metrics = new MetricRegistry();
        final EventTickJob job = job(first, 1, metrics);
        Files.writeString(first.resolve("20251015174140.event-ingest.txt"), "from before the restart\n");

        job.run(BOUNDARY);

        assertThat(job.collisions()).isEqualTo(1);
        assertThat(published).isEmpty();
        assertThat(Files.readString(first.resolve("20251015174140.event-ingest.txt")))
                .isEqualTo("from before the restart\n");
        assertThat(metrics.meter("files.published").getCount()).isZero();
    }

    @Test
    void aLargeTickGeneratedOnTheHelperThreadIsByteIdenticalToOneGeneratedInline() throws Exception {
        final ExecutorService helper = Executors.newSingleThreadExecutor();
        try {
            final int size = FileTickOutput.HELPER_THRESHOLD * 3 + 17;
            final EventTickJob inline = job(first, 5, new MetricRegistry());
            final EventTickJob onHelper = new EventTickJob(Worlds.inMemory(new WorldSettings(),
                    new MixSettings().weights(), new AnomalySettings(), 2,
                    Clock.fixed(BOUNDARY.plusMillis(3), ZoneOffset.UTC), 5), new EventFileWriter(second),
                    new TickRandom(5), rate(500, 1000), new MetricRegistry(), List.of(published::add), helper);
            assertThat(inline.runSized(BOUNDARY, size)).isPresent();
            assertThat(onHelper.runSized(BOUNDARY, size)).isPresent();

            final byte[] a = Files.readAllBytes(first.resolve("20251015174140.event-ingest.txt"));
            final byte[] b = Files.readAllBytes(second.resolve("20251015174140.event-ingest.txt"));
            assertThat(b).isEqualTo(a);
            assertThat(published.get(1).events()).isEqualTo(size);
        } finally {
            helper.shutdownNow();
        }
    }

    @Test
    void aGeneratorThatFailsOnTheHelperThreadLeavesNoFileAndIsAbandoned() throws Exception {
        final ExecutorService helper = Executors.newSingleThreadExecutor();
        final AtomicInteger abandoned = new AtomicInteger();
        final EventGenerator failing = new EventGenerator() {
            @Override
            public Iterator<Event> events(Tick tick) {
                return new Iterator<>() {
                    private int served;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Event next() {
                        if (++served > 20_000) {
                            throw new IllegalStateException("the world broke");
                        }
                        return Event.of(new Payload.ShopStatus(1, true),
                                BOUNDARY, BOUNDARY);
                    }
                };
            }

            @Override
            public void abandoned(Tick tick) {
                abandoned.incrementAndGet();
            }
        };
        try {
            final MetricRegistry metrics = new MetricRegistry();
            final EventTickJob job = new EventTickJob(failing, new EventFileWriter(first), new TickRandom(1),
                    rate(1, 1), metrics, List.of(published::add), helper);
            assertThat(job.runSized(BOUNDARY, 100_000)).isEmpty();
            assertThat(abandoned.get()).isEqualTo(1);
            assertThat(job.writeFailures()).isEqualTo(1);
            try (Stream<Path> files = Files.list(first)) {
                assertThat(files).isEmpty();
            }
            // The helper is free again.
            assertThat(helper.submit(() -> "free").get(5, TimeUnit.SECONDS)).isEqualTo("free");
        } finally {
            helper.shutdownNow();
        }
    }
}
