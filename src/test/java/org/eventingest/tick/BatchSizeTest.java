package org.eventingest.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BatchSizeTest {

    @Test
    void drawsUniformlyFromOneToTheSmallerOfTheTwoLimits() {
        final SplittableRandom random = new SplittableRandom(1);
        final TreeSet<Integer> seen = new TreeSet<>();
        final int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) {
            final int size = BatchSize.draw(random, 5, 1000);
            seen.add(size);
            counts[size]++;
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        for (int size = 1; size <= 5; size++) {
            assertThat(counts[size]).isBetween(11_000, 13_000);
        }
    }

    @Test
    void maxBatchSizeIsAHardGuard() {
        final SplittableRandom random = new SplittableRandom(2);
        final TreeSet<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(BatchSize.draw(random, 1_000_000, 3));
        }
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void aMaximumOfOneAlwaysGivesOne() {
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertThat(BatchSize.draw(random, 1, 1000)).isEqualTo(1);
        }
        assertThatThrownBy(() -> BatchSize.draw(random, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
