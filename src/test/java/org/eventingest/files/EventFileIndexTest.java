package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eventingest.tick.Published;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileIndexTest {

    @TempDir
    Path dir;

    @Test
    void countsPublishedFilesOnlyAndKeepsUpWithTheWriter() throws IOException {
        Files.writeString(dir.resolve("20251015174130.event-ingest.txt"), "{}\n{}\n");
        Files.writeString(dir.resolve("20251015174140.event-ingest.txt"), "{}\n");
        Files.writeString(dir.resolve(".20251015174150.event-ingest.txt.1-1.tmp"), "{}\n{}\n{}\n");
        Files.writeString(dir.resolve("notes.txt"), "x\n");

        final EventFileIndex index = EventFileIndex.scan(dir);
        assertThat(index.summary()).isEqualTo(new EventFileIndex.Summary(2, 9, 3,
                Optional.of("20251015174140.event-ingest.txt")));

        index.add(new Published("20251015174150", "20251015174150.event-ingest.txt", 100, 4));
        assertThat(index.summary()).isEqualTo(new EventFileIndex.Summary(3, 109, 7,
                Optional.of("20251015174150.event-ingest.txt")));
    }

    @Test
    void aMissingDirectoryIsEmpty() throws IOException {
        assertThat(EventFileIndex.scan(dir.resolve("absent")).summary().files()).isZero();
    }
}
