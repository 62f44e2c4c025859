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
}
