package org.eventingest.core.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The largest world API answer a world of a given size can have: every cell stocked and priced,
 * every user's balance changed. Written as a checkpoint that the service starts from (for the
 * reader-flood test and benchmark); no file is behind it, as after a container's clean-up.
 */
public final class FullWorlds {

    private FullWorlds() {
    }

    /** Writes the full world of {@code spec} into {@code stateDir}, as of {@code lastFile}. */
    public static void write(Path stateDir, WorldSpec spec, long seed, String lastFile) throws IOException {
        final World world = World.create(spec, seed);
        for (int cell = 0; cell < spec.cells(); cell++) {
            world.stock[cell] = 1 + cell % 997;
            world.priced.set(cell);
        }
        for (int user = 0; user < spec.users(); user++) {
            world.balance[user] = spec.startingBalance() - 1 - user % 1000;
        }
        Files.createDirectories(stateDir);
        WorldCheckpoint.write(stateDir.resolve(WorldStore.CHECKPOINT), world, seed, 1, Optional.of(lastFile), false);
    }
}
