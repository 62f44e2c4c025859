package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Pattern;
import org.eventingest.core.EventFileName;
import org.junit.jupiter.api.Test;

class EventFileNamesTest {

    /** The pattern by which the consumers pick files up. */
    private static final Pattern CONSUMERS = Pattern.compile("^\\d{14}\\.event-ingest\\.txt$");

    @Test
    void namesAFileByItsTickInUtc() {
        final String prefix = EventFileNames.prefix(Instant.parse("2025-10-15T17:41:40Z"));
        assertThat(prefix).isEqualTo("20251015174140");
        assertThat(EventFileNames.published(prefix)).isEqualTo("20251015174140.event-ingest.txt");
        assertThat(EventFileNames.prefix(Instant.parse("2026-01-01T00:00:00.999Z"))).isEqualTo("20260101000000");
        assertThat(EventFileNames.prefixOf("20251015174140.event-ingest.txt")).isEqualTo("20251015174140");
    }

    @Test
    void temporaryNamesAreNeverSeenByConsumers() {
        final String temporary = EventFileNames.temporary("20251015174140", "123-4");
        assertThat(temporary).startsWith(".");
        assertThat(CONSUMERS.matcher(temporary).matches()).isFalse();
        assertThat(EventFileName.isTemporary(temporary)).isTrue();
        assertThat(EventFileName.isPublished(temporary)).isFalse();
        assertThat(CONSUMERS.matcher("20251015174140.event-ingest.txt").matches()).isTrue();
        assertThat(EventFileName.isPublished("20251015174140.event-ingest.txt")).isTrue();
        assertThat(EventFileName.isTemporary("20251015174140.event-ingest.txt")).isFalse();
        assertThat(EventFileName.isPublished("2025101517414.event-ingest.txt")).isFalse();
    }
}
