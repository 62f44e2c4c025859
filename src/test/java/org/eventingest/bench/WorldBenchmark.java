package org.eventingest.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.MixSettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.Event;
import org.eventingest.core.Tick;
import org.eventingest.core.TickRandom;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.support.Worlds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Generating events from the world (default world and mix, no anomalies), one event per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WorldBenchmark {

    private WorldEventGenerator generator;
    private Iterator<Event> events;
    private Instant boundary = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        generator = Worlds.inMemory(new WorldSettings(), new MixSettings().weights(),
                new AnomalySettings(), 2, Clock.systemUTC(), 1);
        nextTick();
    }

    private void nextTick() {
        boundary = boundary.plusSeconds(1);
        events = generator.events(new Tick(boundary, Duration.ofSeconds(1), 1_000_000,
                new TickRandom(1).forBoundary(boundary)));
    }

    @Benchmark
    public Event event() {
        if (!events.hasNext()) {
            nextTick();
        }
        return events.next();
    }
}
