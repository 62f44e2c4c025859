package org.eventingest.core.world;

/**
 * Which part of a partitioned world an instance holds ({@code [world] partition} of {@code partitions}):
 * the ids {@code ≡ index (mod count)}. On the wire ids stay 1-based and global: partition 0 owns
 * {@code count, 2·count, …}, partition {@code p ≥ 1} owns {@code p, p + count, …}, each up to the
 * world's total. Its shops and users are held at local indexes {@code 0, 1, …} in that order, and
 * its order ids follow the same rule, so that no two instances ever issue the same id.
 * {@link #WHOLE} (0 of 1) is the unpartitioned world: id = index + 1.
 *
 * @param index this instance's partition, {@code 0..count-1}
 * @param count how many partitions the world is split into
 */
public record Partition(int index, int count) {

    /** The largest {@code world.partitions}. */
    public static final int MAX_COUNT = 1024;

    /** The whole world, unpartitioned. */
    public static final Partition WHOLE = new Partition(0, 1);

    public Partition {
        if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
            throw new IllegalArgumentException("partition " + index + " of " + count + " out of range");
        }
    }

    /** Whether the world is split over more than one instance. */
    public boolean isSplit() {
        return count > 1;
    }

    /** The smallest id this partition owns: its index, or {@code count} for partition 0 (ids are positive). */
    public long firstId() {
        return index == 0 ? count : index;
    }

    /** How many of the ids {@code 1..total} this partition owns. */
    public int owned(int total) {
        if (count == 1) {
            return total;
        }
        return total < firstId() ? 0 : (int) ((total - firstId()) / count + 1);
    }

    /** The id on the wire of local index {@code local} (shops, users and the order sequence alike). */
    public long id(long local) {
        return Math.addExact(firstId(), Math.multiplyExact(local, (long) count));
    }

    /** Whether {@code id} (positive) is one of this partition's. */
    public boolean owns(long id) {
        return id > 0 && id % count == index;
    }

    /** The local index of one of this partition's ids. */
    public int local(long id) {
        if (!owns(id)) {
            throw new IllegalArgumentException("id " + id + " is not one of partition " + index + " of " + count);
        }
        return Math.toIntExact((id - firstId()) / count);
    }
}
