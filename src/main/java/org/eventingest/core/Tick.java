package org.eventingest.core;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * One tick: its boundary instant, the interval it closes, how many events it holds, and the
 * random source for them (derived from the seed and the boundary, so a tick is reproducible on
 * its own).
 */
public record Tick(Instant boundary, Duration interval, int size, RandomGenerator random) {

    /** What the files of ticks are called after the prefix. */
    public static final String FILE_SUFFIX = EventFileName.SUFFIX;

    /** The tick's instant as {@code yyyyMMddHHmmss} in UTC: the name pipeline-apid knows its file by. */
    public static String prefix(Instant boundary) {
        return EventFileName.of(boundary).prefix();
    }

    /** The instant a prefix names. */
    public static Instant instantOf(String prefix) {
        return EventFileName.ofPrefix(prefix).instant();
    }

    public String prefix() {
        return prefix(boundary);
    }
}
