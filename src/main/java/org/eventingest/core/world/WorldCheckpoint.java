package org.eventingest.core.world;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.eventingest.core.AtomicFiles;

/**
 * {@code world.ckpt}: the whole world as of one log record, replaced atomically. It holds the
 * world's spec, the seed, the sequence number of the last log record it includes, the last file it
 * includes, and either the world's arrays or nothing at all for a new world (which the spec and the
 * seed give again), followed by a CRC32C of everything before it. Version 2 adds the partition to the
 * spec; it is written for a partitioned world only. The whole world (partition 0 of 1) is written as
 * version 1, byte for byte as before partitions existed, so that an earlier release still reads it; a
 * version 1 checkpoint is read as the whole world.
 */
final class WorldCheckpoint {

    private static final int MAGIC = 0x4557434b; // "EWCK"
    /** The version of a partitioned world's checkpoint, the newest read. */
    static final int VERSION = 2;
    /** The whole world's version, the oldest read. */
    static final int WHOLE_VERSION = 1;

    /** A checkpoint read back. */
    record Loaded(WorldSpec spec, long seed, long seq, Optional<String> lastFile, World world) {
    }

    private WorldCheckpoint() {
    }

    /** Writes the checkpoint durably; a new world ({@code fresh}) is written without its arrays. */
    static void write(Path file, World world, long seed, long seq, Optional<String> lastFile, boolean fresh)
            throws IOException {
        AtomicFiles.replace(file, true, stream -> {
            final CheckedOutputStream checked = new CheckedOutputStream(stream, new CRC32C());
            final DataOutputStream out = new DataOutputStream(checked);
            out.writeInt(MAGIC);
            final int version = world.spec().partition().isSplit() ? VERSION : WHOLE_VERSION;
            out.writeInt(version);
            WorldCodec.writeSpec(out, world.spec(), version);
            out.writeLong(seed);
            out.writeLong(seq);
            out.writeUTF(lastFile.orElse(""));
            out.writeBoolean(fresh);
            if (!fresh) {
                WorldCodec.writeWorld(out, world);
            }
            out.flush();
            new DataOutputStream(stream).writeInt((int) checked.getChecksum().getValue());
        });
    }

    /**
     * Reads the checkpoint; a world of another spec than {@code expected} is refused before its arrays are read.
     *
     * @throws StateException if it is damaged, of another version, or of another world
     */
    static Loaded read(Path file, WorldSpec expected) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            final CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
            final DataInputStream in = new DataInputStream(checked);
            final int magic = in.readInt();
            final int version = in.readInt();
            if (magic != MAGIC || version < WHOLE_VERSION || version > VERSION) {
                throw StateException.damaged(file, 0, "not a checkpoint of this version");
            }
            final WorldSpec spec = WorldCodec.readSpec(in, version);
            final String differences = spec.differences(expected);
            if (!differences.isEmpty()) {
                throw new StateException("the state in " + file.getParent()
                        + " is a world of other dimensions or another partition than [world] (" + differences
                        + "): set [world] back, or move the state directory and the event files away to "
                        + "start a new world");
            }
            final long seed = in.readLong();
            final long seq = in.readLong();
            final String lastFile = in.readUTF();
            final boolean fresh = in.readBoolean();
            final World world = fresh ? World.create(expected, seed) : WorldCodec.readWorld(in, expected);
            final int computed = (int) checked.getChecksum().getValue();
            final int stored = new DataInputStream(raw).readInt();
            if (computed != stored || raw.read() != -1) {
                throw StateException.damaged(file, Files.size(file) - 4, "the checksum does not match the content");
            }
            return new Loaded(spec, seed, seq, lastFile.isEmpty() ? Optional.empty() : Optional.of(lastFile), world);
        } catch (StateException e) {
            throw e;
        } catch (EOFException | WorldCodec.Malformed | IllegalArgumentException e) {
            throw StateException.damaged(file, 0, "it cannot be read as a world (" + e.getMessage() + ")");
        }
    }
}
