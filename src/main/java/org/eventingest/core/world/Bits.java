package org.eventingest.core.world;

/**
 * A fixed number of bits in a {@code long[]}. Unlike {@link java.util.BitSet}, clearing a bit
 * never rescans the words above it (BitSet recomputes how many words are in use on each clear,
 * which made replaying a log and beginning a tick cost O(world) instead of O(touched)).
 */
final class Bits {

    final long[] words;

    Bits(int size) {
        this.words = new long[(size + 63) >>> 6];
    }

    private Bits(long[] words) {
        this.words = words;
    }

    Bits copy() {
        return new Bits(words.clone());
    }

    boolean get(int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    void set(int index) {
        words[index >>> 6] |= 1L << index;
    }

    void clear(int index) {
        words[index >>> 6] &= ~(1L << index);
    }

    void set(int index, boolean value) {
        if (value) {
            set(index);
        } else {
            clear(index);
        }
    }
}
