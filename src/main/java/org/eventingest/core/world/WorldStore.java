package org.eventingest.core.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eventingest.config.WorldSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world and the truth records in the state directory. Each is replaced atomically (temporary
 * file, fsync, rename, directory fsync): after a crash the world is the one of the last published
 * file, so a restart continues it.
 */
public final class WorldStore {

    private static final Logger LOG = LoggerFactory.getLogger(WorldStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path worldFile;
    private final Path truthDir;

    public WorldStore(Path stateDir) {
        this.directory = stateDir;
        this.worldFile = stateDir.resolve("world.bin");
        this.truthDir = stateDir.resolve("truth");
    }

    /** The saved world if there is one that fits the settings; otherwise a new one (keeping order ids unique). */
    World loadOrCreate(WorldSettings settings, long seed) {
        final Optional<World> saved = load();
        if (saved.isPresent() && saved.get().fits(settings)) {
            return saved.get();
        }
        final World fresh = World.create(settings, seed);
        if (saved.isPresent()) {
            LOG.warn("the saved world in {} has other dimensions than [world]: starting a new world", worldFile);
            fresh.nextOrderId = saved.get().nextOrderId;
        }
        return fresh;
    }

    /** The world of the last published file, if any. */
    public Optional<World> load() {
        if (!Files.exists(worldFile)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(worldFile), 1 << 16))) {
            return Optional.of(World.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved world " + worldFile + " (" + e.getMessage()
                    + "); move it away to start a new world", e);
        }
    }

    /** Saves the world and the truth record of the file just published. */
    void save(World world, TickTruth truth) {
        try {
            Files.createDirectories(truthDir);
            replace(worldFile, out -> world.write(new DataOutputStream(out)));
            final String name = truth.file().substring(0, truth.file().indexOf('.')) + ".json";
            replace(truthDir.resolve(name), out -> JSON.writeValue(out, truth));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the world in " + directory, e);
        }
    }

    private interface Writing {
        void write(java.io.OutputStream out) throws IOException;
    }

    private static void replace(Path target, Writing writing) throws IOException {
        final Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            final BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            writing.write(new java.io.FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush(); // Jackson closes what it writes to; the channel is ours to close
                }
            });
            out.flush();
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
