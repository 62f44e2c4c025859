package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.MixSettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.TickRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventTickJobTest {

    private static final Instant BOUNDARY = Instant.parse("2025-10-15T17:41:40Z");

    @TempDir
    Path first;

    @TempDir
    Path second;

    private final List<PublishedFile> published = new ArrayList<>();

    private EventTickJob job(Path dir, long seed, MetricRegistry metrics) {
        return new EventTickJob(new WorldEventGenerator(new WorldSettings(), new MixSettings().weights(),
                new AnomalySettings(), 2, Clock.fixed(BOUNDARY.plusMillis(3), ZoneOffset.UTC), seed, null),
                new EventFileWriter(dir), new TickRandom(seed),
                Duration.ofSeconds(10), 500, 1000, metrics, List.of(published::add));
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
        assertThat(Files.readString(first.resolve("20251015174140.event-ingest.txt"))).isEqualTo("from before the restart\n");
        assertThat(metrics.meter("files.published").getCount()).isZero();
    }
}
