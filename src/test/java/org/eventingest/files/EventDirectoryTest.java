package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDirectoryTest {

    @TempDir
    Path shared;

    @Test
    void prepareCreatesTheDirectoryAndRemovesOnlyLeftoverTemporaryFiles() throws IOException {
        final Path events = shared.resolve("events");
        Files.createDirectories(events);
        Files.writeString(events.resolve(".20251015174140.event-ingest.txt.991-1.tmp"), "{\"half\":");
        Files.writeString(events.resolve(".20251015174150.event-ingest.txt.991-2.tmp"), "");
        Files.writeString(events.resolve("20251015174130.event-ingest.txt"), "{}\n");
        Files.writeString(events.resolve("README"), "someone else's");

        assertThat(new EventDirectory(events, Duration.ofSeconds(5)).prepare()).isEqualTo(2);

        try (Stream<Path> files = Files.list(events)) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted())
                    .containsExactly("20251015174130.event-ingest.txt", "README");
        }
        assertThat(new EventDirectory(shared.resolve("new/events"), Duration.ofSeconds(5)).prepare()).isZero();
        assertThat(shared.resolve("new/events")).isDirectory();
    }

    @Test
    void aWritableDirectoryPassesTheProbeAndKeepsNoProbeFile() throws IOException {
        final EventDirectory directory = new EventDirectory(shared, Duration.ofSeconds(5));
        assertThat(directory.probeWritable()).isEmpty();
        try (Stream<Path> files = Files.list(shared)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aProbeThatHangsFailsAfterValidationTimeout() {
        final CountDownLatch never = new CountDownLatch(1);
        final EventDirectory hung = new EventDirectory(shared, Duration.ofMillis(200), directory -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        final long started = System.nanoTime();
        assertThat(hung.probeWritable()).hasValueSatisfying(reason ->
                assertThat(reason).contains("took longer than").contains("events.validation_timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        never.countDown();
    }

    @Test
    void aFailingProbeSaysWhy() {
        final EventDirectory full = new EventDirectory(shared, Duration.ofSeconds(5), directory -> {
            throw new IOException("No space left on device");
        });
        assertThat(full.probeWritable()).hasValueSatisfying(reason ->
                assertThat(reason).contains("cannot create a file in " + shared).contains("No space left on device"));
    }
}
