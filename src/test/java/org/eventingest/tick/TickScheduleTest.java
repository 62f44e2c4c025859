package org.eventingest.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TickScheduleTest {

    @ParameterizedTest(name = "interval {0}s after {1} -> {2}")
    @CsvSource({
            "1,    2025-10-15T17:41:40.018Z, 2025-10-15T17:41:41Z",
            "10,   2025-10-15T17:41:40.018Z, 2025-10-15T17:41:50Z",
            "10,   2025-10-15T17:41:39.999Z, 2025-10-15T17:41:40Z",
            "10,   2025-10-15T17:41:40Z,     2025-10-15T17:41:50Z",
            "60,   2025-10-15T17:59:59.500Z, 2025-10-15T18:00:00Z",
            "3600, 2025-10-15T23:00:00.001Z, 2025-10-16T00:00:00Z",
            "10,   2025-12-31T23:59:55Z,     2026-01-01T00:00:00Z",
            "60,   2025-12-31T23:59:00.001Z, 2026-01-01T00:00:00Z",
            "3600, 2025-12-31T23:30:00Z,     2026-01-01T00:00:00Z",
            "7,    1970-01-01T00:00:00Z,     1970-01-01T00:00:07Z",
            "7,    2025-10-15T17:41:40Z,     2025-10-15T17:41:46Z",  // epoch 1760550100 = 7 × 251507157 + 1
    })
    void nextBoundaryIsTheFirstMultipleStrictlyAfterNow(long interval, Instant now, Instant expected) {
        assertThat(new TickSchedule(Duration.ofSeconds(interval)).nextBoundaryAfter(now)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 10, 60, 3600})
    void boundariesAreMultiplesOfTheIntervalAcrossMinuteHourDayAndYearEnds(long interval) {
        final TickSchedule schedule = new TickSchedule(Duration.ofSeconds(interval));
        for (Instant end : new Instant[] {Instant.parse("2025-10-15T17:42:00Z"), Instant.parse("2025-10-15T18:00:00Z"),
                Instant.parse("2025-10-16T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T23:59:59Z")}) {
            for (long offsetMillis = -7_300_000; offsetMillis <= 7_300_000; offsetMillis += 997) {
                final Instant now = end.plusMillis(offsetMillis);
                final Instant next = schedule.nextBoundaryAfter(now);
                assertThat(next.getEpochSecond() % interval).isZero();
                assertThat(next.getNano()).isZero();
                assertThat(next).isAfter(now);
                assertThat(next.minusSeconds(interval)).isBeforeOrEqualTo(now);
                assertThat(schedule.isBoundary(next)).isTrue();
            }
        }
    }

    @Test
    void countsTheBoundariesBetweenTwoBoundaries() {
        final TickSchedule schedule = new TickSchedule(Duration.ofSeconds(10));
        assertThat(schedule.boundariesBetween(Instant.parse("2025-01-01T00:00:10Z"),
                Instant.parse("2025-01-01T00:00:40Z"))).isEqualTo(3);
    }

    @Test
    void refusesIntervalsThatAreNotWholePositiveSeconds() {
        assertThatThrownBy(() -> new TickSchedule(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TickSchedule(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
