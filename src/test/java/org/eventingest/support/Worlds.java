package org.eventingest.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.IoFaults;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.World;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.world.WorldStore;

/** World generators for tests, from the configuration's sections as the application builds them. */
public final class Worlds {

    private Worlds() {
    }

    /** A generator over a new world in memory only. */
    public static WorldEventGenerator inMemory(WorldSettings world, int[] weights, AnomalySettings anomalies,
                                               int shards, Clock clock, long seed) {
        return new WorldEventGenerator(World.create(world.toSpec(), seed), new EventMix(weights), anomalies.toRates(),
                shards, clock);
    }

    /** The state directory {@code stateDir} beside {@code eventsDir}, opened with the seed {@code seed}. */
    public static WorldStore store(Path stateDir, Path eventsDir, WorldSettings world, long seed) throws IOException {
        return WorldStore.open(stateDir, eventsDir, world.toSpec(), OptionalLong.of(seed), () -> seed, IoFaults.NONE);
    }

    /** A generator committing to {@code store}. */
    public static WorldEventGenerator stored(WorldStore store, int[] weights, AnomalySettings anomalies, int shards,
                                             Clock clock) {
        return new WorldEventGenerator(store, new EventMix(weights), anomalies.toRates(), shards, clock);
    }
}
