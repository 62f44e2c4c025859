package org.eventingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void theBoundDoublesUpToTheCap() {
        assertThat(backoff.bound(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.bound(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.bound(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.bound(6)).isEqualTo(Duration.ofMillis(16_000));
        assertThat(backoff.bound(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.bound(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterSpreadsDelaysUniformlyUnderTheBound() {
        final SplittableRandom random = new SplittableRandom(5);
        for (int attempt = 1; attempt <= 10; attempt++) {
            final long bound = backoff.bound(attempt).toMillis();
            long sum = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 10_000; i++) {
                final long delay = backoff.delay(attempt, random).toMillis();
                assertThat(delay).isBetween(0L, bound);
                sum += delay;
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            assertThat((double) sum / 10_000).isCloseTo(bound / 2.0, Percentage.withPercentage(5));
            assertThat(min).isLessThan(bound / 20);
            assertThat(max).isGreaterThan(bound - bound / 20);
        }
    }

    @Test
    void refusesAnInitialDelayAboveTheCap() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
