package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DrawTest {

    @Test
    void staysBelowTheBoundAndReachesEveryValueEvenly() {
        final SplittableRandom random = new SplittableRandom(3);
        for (int bound : new int[] {1, 2, 3, 7, 10, 100, 10_000}) {
            final int[] counts = new int[bound];
            final int draws = bound * 2_000;
            for (int i = 0; i < draws; i++) {
                final int value = Draw.below(random, bound);
                assertThat(value).isBetween(0, bound - 1);
                counts[value]++;
            }
            for (int count : counts) {
                // 2,000 expected per value; 5 standard deviations (~224) either side
                assertThat(count).as("bound %d", bound).isBetween(1_770, 2_230);
            }
        }
    }

    @Test
    void theLargestBoundIsReachedAtBothEnds() {
        final SplittableRandom random = new SplittableRandom(5);
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        for (int i = 0; i < 1_000_000; i++) {
            final int value = Draw.below(random, Integer.MAX_VALUE);
            lowest = Math.min(lowest, value);
            highest = Math.max(highest, value);
        }
        assertThat(lowest).isBetween(0, 10_000);
        assertThat(highest).isBetween(Integer.MAX_VALUE - 10_000, Integer.MAX_VALUE - 1);
    }
}
