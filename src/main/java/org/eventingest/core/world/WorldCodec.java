package org.eventingest.core.world;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary forms of a world: the whole of it (a checkpoint's body) and what one tick changed
 * (the redo part of a write-ahead record: the touched cells, users and order slots as they are
 * after the tick, the shop status changes in order, the counters and the carry-over). Framing and
 * checksums are the store's ({@link WorldStore}, {@link WorldLog}); this class knows the fields.
 */
final class WorldCodec {

    private static final int CHUNK = 8192;

    /** Content that cannot be a world of the spec: a count or an index out of its range. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private WorldCodec() {
    }

    /**
     * The spec as a checkpoint of {@code version} holds it: version 1's fields, then (from version 2) the
     * partition. Version 1 can only be the whole world's.
     */
    static void writeSpec(DataOutput out, WorldSpec spec, int version) throws IOException {
        if (version == 1 && spec.partition().isSplit()) {
            throw new IllegalArgumentException("a partitioned world's spec needs version 2");
        }
        out.writeInt(spec.shops());
        out.writeInt(spec.goods());
        out.writeInt(spec.users());
        out.writeLong(spec.startingBalance());
        out.writeLong(spec.priceMin());
        out.writeLong(spec.priceMax());
        out.writeInt(spec.maxOpenOrders());
        out.writeBoolean(spec.zipf());
        out.writeDouble(spec.zipfExponent());
        if (version >= 2) {
            out.writeInt(spec.partition().index());
            out.writeInt(spec.partition().count());
        }
    }

    /** A spec written by {@link #writeSpec}, or by version 1 (before partitions: the whole world, 0 of 1). */
    static WorldSpec readSpec(DataInput in, int version) throws IOException {
        final int shops = in.readInt();
        final int goods = in.readInt();
        final int users = in.readInt();
        final long startingBalance = in.readLong();
        final long priceMin = in.readLong();
        final long priceMax = in.readLong();
        final int maxOpenOrders = in.readInt();
        final boolean zipf = in.readBoolean();
        final double zipfExponent = in.readDouble();
        final Partition partition = version == 1 ? Partition.WHOLE : new Partition(in.readInt(), in.readInt());
        return new WorldSpec(shops, goods, users, startingBalance, priceMin, priceMax, maxOpenOrders, zipf,
                zipfExponent, partition);
    }

    /** Everything of the world but its spec. */
    static void writeWorld(DataOutput out, World world) throws IOException {
        writeInts(out, world.stock, world.stock.length);
        writeLongs(out, world.price, world.price.length);
        writeLongs(out, world.priced.words, world.priced.words.length);
        out.writeInt(world.closedCount);
        writeInts(out, world.closedList, world.closedCount);
        writeLongs(out, world.balance, world.balance.length);
        out.writeInt(world.ringNext);
        out.writeInt(world.ringCount);
        // Until the ring wraps, only its first ringCount slots are in use.
        writeLongs(out, world.orderId, world.ringCount);
        writeInts(out, world.orderUser, world.ringCount);
        writeInts(out, world.orderCell, world.ringCount);
        writeInts(out, world.orderLeft, world.ringCount);
        writeLongs(out, world.orderPrice, world.ringCount);
        out.writeLong(world.nextOrderId);
        writeCarry(out, world.carry);
    }

    static World readWorld(DataInput in, WorldSpec spec) throws IOException {
        final World world = new World(spec);
        readInts(in, world.stock, world.stock.length);
        readLongs(in, world.price, world.price.length);
        readLongs(in, world.priced.words, world.priced.words.length);
        final int closedCount = checkedLength(in.readInt(), spec.localShops());
        readInts(in, world.closedList, closedCount);
        world.closedCount = closedCount;
        for (int i = 0; i < closedCount; i++) {
            world.closed[world.closedList[i]] = true;
        }
        readLongs(in, world.balance, world.balance.length);
        world.ringNext = checkedLength(in.readInt(), spec.maxOpenOrders() - 1);
        world.ringCount = checkedLength(in.readInt(), spec.maxOpenOrders());
        readLongs(in, world.orderId, world.ringCount);
        readInts(in, world.orderUser, world.ringCount);
        readInts(in, world.orderCell, world.ringCount);
        readInts(in, world.orderLeft, world.ringCount);
        readLongs(in, world.orderPrice, world.ringCount);
        world.nextOrderId = in.readLong();
        world.carry = readCarry(in);
        world.changes().begin();
        return world;
    }

    /** The tick's changes as they are now: after-images, so applying records in order gives the world of the last. */
    static void writeRedo(DataOutput out, World world) throws IOException {
        final WorldChanges changes = world.changes();
        out.writeInt(changes.cellCount);
        for (int i = 0; i < changes.cellCount; i++) {
            final int cell = changes.cells[i];
            out.writeInt(cell);
            out.writeInt(world.stock[cell]);
            out.writeLong(world.price[cell]);
            out.writeBoolean(world.priced.get(cell));
        }
        out.writeInt(changes.userCount);
        for (int i = 0; i < changes.userCount; i++) {
            out.writeInt(changes.users[i]);
            out.writeLong(world.balance[changes.users[i]]);
        }
        out.writeInt(changes.slotCount);
        for (int i = 0; i < changes.slotCount; i++) {
            final int slot = changes.slots[i];
            out.writeInt(slot);
            out.writeLong(world.orderId[slot]);
            out.writeInt(world.orderUser[slot]);
            out.writeInt(world.orderCell[slot]);
            out.writeInt(world.orderLeft[slot]);
            out.writeLong(world.orderPrice[slot]);
        }
        out.writeInt(changes.shopOpCount);
        for (int op = 0; op < changes.shopOpCount; op++) {
            out.writeInt(changes.shopOps[op * 2]);
            out.writeBoolean(changes.shopOps[op * 2 + 1] >= 0);
        }
        out.writeInt(world.ringNext);
        out.writeInt(world.ringCount);
        out.writeLong(world.nextOrderId);
        writeCarry(out, world.carry);
    }

    /**
     * Applies a record written by {@link #writeRedo}; the world must be the one that record's tick
     * started from. Read from a buffer, not a stream: a log of a hundred megabytes replays in
     * a fraction of a second.
     */
    static void applyRedo(ByteBuffer in, World world) throws IOException {
        final WorldSpec spec = world.spec();
        final int cellCount = spec.cells();
        final int cells = checkedLength(in.getInt(), cellCount);
        for (int i = 0; i < cells; i++) {
            final int cell = checkedIndex(in.getInt(), cellCount);
            world.stock[cell] = in.getInt();
            world.price[cell] = in.getLong();
            world.priced.set(cell, in.get() != 0);
        }
        final int userCount = world.users();
        final int users = checkedLength(in.getInt(), userCount);
        for (int i = 0; i < users; i++) {
            world.balance[checkedIndex(in.getInt(), userCount)] = in.getLong();
        }
        final int slots = checkedLength(in.getInt(), spec.maxOpenOrders());
        for (int i = 0; i < slots; i++) {
            final int slot = checkedIndex(in.getInt(), spec.maxOpenOrders());
            world.orderId[slot] = in.getLong();
            world.orderUser[slot] = in.getInt();
            world.orderCell[slot] = in.getInt();
            world.orderLeft[slot] = in.getInt();
            world.orderPrice[slot] = in.getLong();
        }
        final int ops = in.getInt();
        for (int op = 0; op < ops; op++) {
            final int shop = checkedIndex(in.getInt(), world.shops());
            if (in.get() != 0) {
                world.reopenShop(shop);
            } else {
                world.close(shop);
            }
        }
        world.ringNext = checkedLength(in.getInt(), spec.maxOpenOrders() - 1);
        world.ringCount = checkedLength(in.getInt(), spec.maxOpenOrders());
        world.nextOrderId = in.getLong();
        world.carry = readCarry(new DataInputStream(new ByteArrayInputStream(in.array(),
                in.arrayOffset() + in.position(), in.remaining())));
        world.changes().begin();
    }

    private static void writeCarry(DataOutput out, CarryOver carry) throws IOException {
        writeNullable(out, carry.heldLine());
        out.writeInt(carry.heldShop());
        writeNullable(out, carry.lastLine());
        writeNullable(out, carry.lastLineFile());
        out.writeInt(carry.lastLineNo());
        out.writeInt(carry.lastLineType());
        out.writeLong(carry.lastLineShop());
    }

    private static CarryOver readCarry(DataInput in) throws IOException {
        return new CarryOver(readNullable(in), in.readInt(), readNullable(in), readNullable(in), in.readInt(),
                in.readInt(), in.readLong());
    }

    private static int checkedLength(int value, int max) throws IOException {
        if (value < 0 || value > max) {
            throw new Malformed("a count of " + value + " where at most " + max + " fit");
        }
        return value;
    }

    private static int checkedIndex(int value, int size) throws IOException {
        if (value < 0 || value >= size) {
            throw new Malformed("an index " + value + " outside 0.." + (size - 1));
        }
        return value;
    }

    /** Bulk copies through a byte buffer: a world of millions of cells saves in milliseconds. */
    private static void writeInts(DataOutput out, int[] values, int count) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK);
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, n);
            out.write(buffer.array(), 0, 4 * n);
        }
    }

    private static void writeLongs(DataOutput out, long[] values, int count) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(8 * CHUNK);
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            buffer.clear();
            buffer.asLongBuffer().put(values, from, n);
            out.write(buffer.array(), 0, 8 * n);
        }
    }

    private static void readInts(DataInput in, int[] values, int count) throws IOException {
        final byte[] bytes = new byte[4 * CHUNK];
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            in.readFully(bytes, 0, 4 * n);
            ByteBuffer.wrap(bytes, 0, 4 * n).asIntBuffer().get(values, from, n);
        }
    }

    private static void readLongs(DataInput in, long[] values, int count) throws IOException {
        final byte[] bytes = new byte[8 * CHUNK];
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            in.readFully(bytes, 0, 8 * n);
            ByteBuffer.wrap(bytes, 0, 8 * n).asLongBuffer().get(values, from, n);
        }
    }

    private static void writeNullable(DataOutput out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static String readNullable(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        final byte[] bytes = new byte[checkedLength(in.readInt(), 1 << 24)];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
