package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.eventingest.core.TickRandom;
import org.junit.jupiter.api.Test;

/** The id mapping of a partitioned world, and what each partition draws. */
class PartitionTest {

    private static final int[] COUNTS = {1, 2, 3, 7, 64, 1024};

    @Test
    void everyIdUpToTheTotalIsOwnedByExactlyOnePartitionAndItsOwnedCountAddsUp() {
        for (int count : COUNTS) {
            for (int total : new int[] {count, count + 1, 2 * count - 1, 1000, 4099}) {
                if (total < count) {
                    continue;
                }
                int owned = 0;
                for (int p = 0; p < count; p++) {
                    owned += new Partition(p, count).owned(total);
                    assertThat(new Partition(p, count).owned(total)).as("%d of %d, total %d", p, count, total)
                            .isPositive();
                }
                assertThat(owned).as("%d partitions of %d", count, total).isEqualTo(total);
                for (long id = 1; id <= total; id++) {
                    int owners = 0;
                    for (int p = 0; p < count; p++) {
                        owners += new Partition(p, count).owns(id) ? 1 : 0;
                    }
                    assertThat(owners).as("owners of id %d among %d", id, count).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aLocalIndexAndItsIdRoundTripAndTheIdsArePositiveIncreasingAndOfThePartition() {
        for (int count : COUNTS) {
            for (int p = 0; p < count; p++) {
                final Partition partition = new Partition(p, count);
                final int total = 5 * count + p;
                final List<Long> ids = new ArrayList<>();
                for (int local = 0; local < partition.owned(total); local++) {
                    final long id = partition.id(local);
                    assertThat(partition.local(id)).isEqualTo(local);
                    assertThat(id).isPositive().isLessThanOrEqualTo(total);
                    assertThat(id % count).isEqualTo(p);
                    ids.add(id);
                }
                assertThat(ids).isSorted().doesNotHaveDuplicates();
                // Every id of the partition up to the total is some local index's.
                final List<Long> expected = new ArrayList<>();
                for (long id = 1; id <= total; id++) {
                    if (id % count == p) {
                        expected.add(id);
                    }
                }
                assertThat(ids).isEqualTo(expected);
            }
        }
        assertThat(new Partition(0, 4).firstId()).isEqualTo(4);
        assertThat(new Partition(3, 4).firstId()).isEqualTo(3);
        assertThat(new Partition(0, 4).id(2)).isEqualTo(12);
        assertThat(new Partition(1, 4).id(2)).isEqualTo(9);
        assertThatThrownBy(() -> new Partition(1, 4).local(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Partition(1, 4).local(-3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWholeWorldIsIndexPlusOne() {
        for (int local = 0; local < 100; local++) {
            assertThat(Partition.WHOLE.id(local)).isEqualTo(local + 1L);
        }
        assertThat(Partition.WHOLE.owned(100)).isEqualTo(100);
        assertThat(Partition.WHOLE.isSplit()).isFalse();
        assertThat(new Partition(0, 2).isSplit()).isTrue();
    }

    @Test
    void aPartitionOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new Partition(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Partition(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Partition(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Partition(0, 1025)).isInstanceOf(IllegalArgumentException.class);
        // Every partition owns a shop and a user.
        assertThatThrownBy(() -> new WorldSpec(2, 5, 10, 100, 1, 10, 5, false, 1.0, new Partition(0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorldSpec(10, 5, 2, 100, 1, 10, 5, false, 1.0, new Partition(0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartitionedWorldHoldsItsOwnShopsAndUsersAndIssuesOrderIdsOfItsOwn() {
        final WorldSpec spec = new WorldSpec(10, 4, 7, 100_00, 1, 10_00, 5, false, 1.0, new Partition(1, 3));
        assertThat(spec.localShops()).isEqualTo(4); // 1, 4, 7, 10
        assertThat(spec.localUsers()).isEqualTo(3); // 1, 4, 7
        assertThat(spec.cells()).isEqualTo(16);
        final World world = World.create(spec, 5);
        assertThat(world.closed).hasSize(4);
        assertThat(world.balance).hasSize(3);
        assertThat(world.shopId(3)).isEqualTo(10);
        assertThat(world.userId(2)).isEqualTo(7);
        final List<Long> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(world.takeOrderId());
        }
        assertThat(orders).containsExactly(1L, 4L, 7L, 10L, 13L);

        final World zero = World.create(new WorldSpec(10, 4, 7, 100_00, 1, 10_00, 5, false, 1.0,
                new Partition(0, 3)), 5);
        assertThat(List.of(zero.takeOrderId(), zero.takeOrderId(), zero.takeOrderId())).containsExactly(3L, 6L, 9L);
        final World whole = World.create(new WorldSpec(10, 4, 7, 100_00, 1, 10_00, 5, false, 1.0), 5);
        assertThat(List.of(whole.takeOrderId(), whole.takeOrderId())).containsExactly(1L, 2L);
    }

    @Test
    void partitionZeroDrawsTheUnpartitionedStreamsAndTheOthersTheirOwn() {
        final Instant boundary = Instant.parse("2026-01-01T00:00:10Z");
        final long seed = 99;
        final Set<Long> firsts = new HashSet<>();
        for (int p = 0; p < 64; p++) {
            final RandomGenerator random = new TickRandom(seed, p).forBoundary(boundary);
            assertThat(firsts.add(random.nextLong())).as("partition %d's first draw is its own", p).isTrue();
        }
        assertThat(new TickRandom(seed, 0).forBoundary(boundary).nextLong())
                .isEqualTo(new TickRandom(seed).forBoundary(boundary).nextLong());
        assertThat(TickRandom.partitionSalt(0)).isZero();

        // Prices: partition 0 of the whole world draws today's; another partition other ones.
        final WorldSpec whole = new WorldSpec(4, 50, 4, 100_00, 1, 1000_00, 5, false, 1.0);
        final WorldSpec second = new WorldSpec(4, 50, 4, 100_00, 1, 1000_00, 5, false, 1.0, new Partition(1, 2));
        final long[] wholePrices = World.create(whole, seed).price;
        final long[] secondPrices = World.create(second, seed).price;
        assertThat(secondPrices).hasSize(100);
        int same = 0;
        for (int cell = 0; cell < secondPrices.length; cell++) {
            same += secondPrices[cell] == wholePrices[cell] ? 1 : 0;
        }
        assertThat(same).as("prices that partition 1 shares with the whole world, cell by cell").isLessThan(5);
    }
}
