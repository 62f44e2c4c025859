package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one home of the file names' format, and the rule consumers rely on: name order is time order. */
class EventFileNameTest {

    @Test
    void aNameRoundTripsThroughItsPrefixItsInstantAndItsPublishedForm() {
        final EventFileName name = EventFileName.of(Instant.parse("2025-10-15T17:41:40.730Z"));
        assertThat(name.instant()).isEqualTo(Instant.parse("2025-10-15T17:41:40Z"));
        assertThat(name.prefix()).isEqualTo("20251015174140");
        assertThat(name.published()).isEqualTo("20251015174140.event-ingest.txt");
        assertThat(EventFileName.ofPrefix("20251015174140")).isEqualTo(name);
        assertThat(EventFileName.parse("20251015174140.event-ingest.txt")).contains(name);
        assertThat(EventFileName.parse(name.temporary("42-1"))).isEmpty();
        assertThat(EventFileName.isTemporary(name.temporary("42-1"))).isTrue();
        assertThat(EventFileName.isPublished(name.temporary("42-1"))).isFalse();
        assertThat(EventFileName.parse("20251015174140.event-ingest.txt.bak")).isEmpty();
        assertThatThrownBy(() -> new EventFileName(Instant.parse("2025-10-15T17:41:40.5Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameOrderIsTimeOrder() {
        final SplittableRandom random = new SplittableRandom(7);
        final List<EventFileName> names = new ArrayList<>();
        final long from = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
        final long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            names.add(new EventFileName(Instant.ofEpochSecond(from + random.nextLong(to - from))));
        }
        // Neighbouring seconds across a minute, an hour, a day, a year.
        names.add(EventFileName.ofPrefix("20261231235959"));
        names.add(EventFileName.ofPrefix("20270101000000"));
        final List<EventFileName> byTime = names.stream().sorted().toList();
        final List<EventFileName> byName =
                names.stream().sorted(Comparator.comparing(EventFileName::published)).toList();
        assertThat(byName).isEqualTo(byTime);
    }
}
