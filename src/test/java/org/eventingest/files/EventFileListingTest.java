package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileListingTest {

    @TempDir
    Path dir;

    @Test
    void listsPublishedAndTemporaryFilesApartInNameOrder() throws IOException {
        for (String name : new String[] {"20251015174140.event-ingest.txt", ".20251015174150.event-ingest.txt.1-1.tmp",
                "20251015174130.event-ingest.txt", "notes.txt", "2025101517413.event-ingest.txt",
                ".20251015174120.event-ingest.txt.2-2.tmp"}) {
            Files.writeString(dir.resolve(name), "{}\n");
        }
        Files.createDirectory(dir.resolve("20251015174100.event-ingest.txt.d"));

        assertThat(EventFileListing.published(dir)).containsExactly(
                dir.resolve("20251015174130.event-ingest.txt"), dir.resolve("20251015174140.event-ingest.txt"));
        assertThat(EventFileListing.temporary(dir)).containsExactly(
                dir.resolve(".20251015174120.event-ingest.txt.2-2.tmp"),
                dir.resolve(".20251015174150.event-ingest.txt.1-1.tmp"));
    }

    @Test
    void aMissingDirectoryHoldsNothing() throws IOException {
        assertThat(EventFileListing.published(dir.resolve("absent"))).isEmpty();
        assertThat(EventFileListing.temporary(dir.resolve("absent"))).isEmpty();
    }
}
