package org.eventingest.core.world;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.eventingest.core.CrashPoint;
import org.eventingest.core.IoFaults;

/**
 * The write-ahead log of the world ({@code world.log}): one record per tick, appended and fsynced
 * before the tick's file is linked, and a small commit mark appended once the link is done. Each
 * record is framed as {@code magic, length, CRC32C of the body, body}. At start, {@link #scan}
 * reads the records back; a torn last record (a crash in the middle of an append) is cut off,
 * damage anywhere else is an error naming the offset.
 */
final class WorldLog {

    static final int MAGIC = 0x45574c52; // "EWLR"
    private static final int HEADER = 12;
    private static final byte TICK = 1;
    private static final byte COMMIT = 2;

    /** One record: a tick's changes and truth, or the mark that the tick with {@code seq} was linked. */
    record Entry(long seq, boolean commit, String prefix, byte[] redo, byte[] truth) {
    }

    /** What a scan found: the records, where the good part ends, and how many torn bytes follow it. */
    record Scan(List<Entry> entries, long goodEnd, long tornBytes) {
    }

    private final Path file;
    private final IoFaults faults;
    private long end;
    private boolean endUncertain;

    WorldLog(Path file, long end, IoFaults faults) {
        this.file = file;
        this.end = end;
        this.faults = faults;
    }

    Path file() {
        return file;
    }

    long size() {
        return end;
    }

    /** What writes a record's redo part straight into the record. */
    @FunctionalInterface
    interface RedoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /**
     * Appends the tick's record and, when {@code sync}, fsyncs it: the record then survives a
     * crash. The record is built once, in place, in a buffer kept between ticks.
     */
    void appendTick(long seq, String prefix, RedoWriter redo, byte[] truth, boolean sync) throws IOException {
        final DataOutputStream body = record.begin();
        body.writeByte(TICK);
        body.writeLong(seq);
        body.writeUTF(prefix);
        final int redoLength = record.size();
        body.writeInt(0);
        redo.write(body);
        record.putInt(redoLength, record.size() - redoLength - 4);
        body.writeInt(truth.length);
        body.write(truth);
        append(sync);
    }

    /**
     * Marks the tick {@code seq} as linked; not fsynced (the next tick's fsync carries it, and the file itself is the
     * proof).
     */
    void appendCommit(long seq, String prefix) throws IOException {
        final DataOutputStream body = record.begin();
        body.writeByte(COMMIT);
        body.writeLong(seq);
        body.writeUTF(prefix);
        append(false);
    }

    /** A record being built: its header's room first, then the body; framed in place. */
    private static final class Record extends ByteArrayOutputStream {
        private static final int KEPT_BYTES = 1 << 22;
        private final DataOutputStream data = new DataOutputStream(this);

        DataOutputStream begin() {
            if (buf.length > KEPT_BYTES) {
                buf = new byte[256]; // a large tick's record is not kept for the small ones after it
            }
            reset();
            write(new byte[HEADER], 0, HEADER);
            return data;
        }

        void putInt(int at, int value) {
            ByteBuffer.wrap(buf).putInt(at, value);
        }

        /** The framed record: magic, body length, CRC32C of the body, body. */
        ByteBuffer framed() {
            final CRC32C crc = new CRC32C();
            crc.update(buf, HEADER, count - HEADER);
            return ByteBuffer.wrap(buf, 0, count).putInt(0, MAGIC).putInt(4, count - HEADER)
                    .putInt(8, (int) crc.getValue());
        }
    }

    private final Record record = new Record();

    private void append(boolean sync) throws IOException {
        final ByteBuffer framed = record.framed();
        faults.check("state-log", file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (endUncertain) {
                channel.truncate(end); // an earlier append failed part way: cut what it left
                endUncertain = false;
            }
            if (sync && CrashPoint.armed("state-log-torn")) {
                tornWrite(channel, framed);
            }
            long at = end;
            try {
                while (framed.hasRemaining()) {
                    at += channel.write(framed, at);
                }
                if (sync) {
                    channel.force(false);
                }
            } catch (IOException e) {
                endUncertain = true;
                truncateQuietly(channel);
                throw e;
            }
            end = at;
        }
    }

    /** The crash point {@code state-log-torn}: half a record on disk, then a halt. */
    private void tornWrite(FileChannel channel, ByteBuffer record) throws IOException {
        final ByteBuffer half = record.duplicate();
        half.limit(record.limit() / 2);
        channel.write(half, end);
        channel.force(false);
        CrashPoint.reach("state-log-torn");
    }

    private void truncateQuietly(FileChannel channel) {
        try {
            channel.truncate(end);
            endUncertain = false;
        } catch (IOException ignored) {
            // endUncertain stays set: the next append cuts it first
        }
    }

    /** Empties the log (after a checkpoint holds everything in it). */
    void reset() throws IOException {
        faults.check("state-log", file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.force(true);
        }
        end = 0;
        endUncertain = false;
    }

    /**
     * Reads every record of {@code file}.
     *
     * @throws StateException if a record other than the last is damaged
     */
    static Scan scan(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Scan(List.of(), 0, 0);
        }
        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final List<Entry> entries = new ArrayList<>();
        while (in.remaining() > 0) {
            final int at = in.position();
            final String damage = damage(in);
            if (damage != null) {
                if (isTail(bytes, at)) {
                    return new Scan(entries, at, bytes.length - at);
                }
                throw StateException.damaged(file, at, damage);
            }
            final int length = in.getInt(at + 4);
            entries.add(entry(file, at, bytes, at + HEADER, length));
            in.position(at + HEADER + length);
        }
        return new Scan(entries, bytes.length, 0);
    }

    /** Why the record at the buffer's position is not whole and sound, or null if it is. */
    private static String damage(ByteBuffer in) {
        final int at = in.position();
        if (in.remaining() < HEADER) {
            return "a record header cut short";
        }
        if (in.getInt(at) != MAGIC) {
            return "no record starts here";
        }
        final int length = in.getInt(at + 4);
        if (length < 0 || length > in.remaining() - HEADER) {
            return "a record cut short";
        }
        final CRC32C crc = new CRC32C();
        crc.update(in.array(), at + HEADER, length);
        if ((int) crc.getValue() != in.getInt(at + 8)) {
            return "a record whose checksum does not match";
        }
        return null;
    }

    /**
     * Whether a damaged record at {@code at} is the torn end of the last append: it claims to reach
     * the end of the file or past it, or nothing but zeros follows.
     */
    private static boolean isTail(byte[] bytes, int at) {
        if (bytes.length - at < HEADER) {
            return true;
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(at) == MAGIC) {
            final long length = in.getInt(at + 4);
            return length < 0 || at + HEADER + length >= bytes.length;
        }
        for (int i = at; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Entry entry(Path file, int at, byte[] bytes, int from, int length) throws IOException {
        try (DataInputStream body = new DataInputStream(new ByteArrayInputStream(bytes, from, length))) {
            final byte type = body.readByte();
            final long seq = body.readLong();
            final String prefix = body.readUTF();
            if (type == COMMIT) {
                return new Entry(seq, true, prefix, null, null);
            }
            if (type != TICK) {
                throw StateException.damaged(file, at, "a record of unknown type " + type);
            }
            final byte[] redo = new byte[body.readInt()];
            body.readFully(redo);
            final byte[] truth = new byte[body.readInt()];
            body.readFully(truth);
            return new Entry(seq, false, prefix, redo, truth);
        } catch (StateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw StateException.damaged(file, at, "a record that cannot be read (" + e + ")");
        }
    }
}
