package org.eventingest.core.world;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.eventingest.config.WorldSettings;

/**
 * The simulated shops: stock and current price per (shop, good), which shops are open, each
 * user's balance, the recent orders that can still be returned, and the next order id. Indexes
 * are 0-based here; ids on the wire are index + 1. Only the generator thread touches it.
 */
public final class World {

    private static final int MAGIC = 0x45574f52; // "EWOR"
    private static final int VERSION = 3;

    final int shops;
    final int goods;
    final int users;
    final long priceMinCents;
    final long priceMaxCents;
    final long startingBalance;

    final int[] stock;
    final long[] price;
    /** Whether the price of a (shop, good) has been on the wire yet (downstream knows it then). */
    final java.util.BitSet priced;
    final boolean[] closed;
    final int[] closedList;
    int closedCount;
    final long[] balance;

    /** Returnable orders: a ring of the most recent ones. */
    final long[] orderId;
    final int[] orderUser;
    final int[] orderCell;
    final int[] orderLeft;
    final long[] orderPrice;
    int ringNext;
    int ringCount;
    long nextOrderId = 1;

    /** Lines carried into the next file by anomalies, and what they were. */
    String heldLine;
    int heldShop = -1;
    String lastLine;
    String lastLineFile;
    int lastLineNo;
    int lastLineType;
    long lastLineShop;

    private World(int shops, int goods, int users, long priceMinCents, long priceMaxCents, long startingBalance,
                  int maxOpenOrders) {
        this.startingBalance = startingBalance;
        this.shops = shops;
        this.goods = goods;
        this.users = users;
        this.priceMinCents = priceMinCents;
        this.priceMaxCents = priceMaxCents;
        final int cells = shops * goods;
        this.stock = new int[cells];
        this.price = new long[cells];
        this.priced = new java.util.BitSet(cells);
        this.closed = new boolean[shops];
        this.closedList = new int[shops];
        this.balance = new long[users];
        this.orderId = new long[maxOpenOrders];
        this.orderUser = new int[maxOpenOrders];
        this.orderCell = new int[maxOpenOrders];
        this.orderLeft = new int[maxOpenOrders];
        this.orderPrice = new long[maxOpenOrders];
    }

    /** An empty world: no stock, every shop open, every user at the starting balance, prices drawn from the seed. */
    public static World create(WorldSettings settings, long seed) {
        final World world = new World(settings.getShops(), settings.getGoods(), settings.getUsers(),
                settings.getPriceMinCents(), settings.getPriceMaxCents(), settings.getStartingBalanceCents(),
                settings.getMaxOpenOrders());
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int cell = 0; cell < world.price.length; cell++) {
            world.price[cell] = world.randomPrice(random);
        }
        java.util.Arrays.fill(world.balance, settings.getStartingBalanceCents());
        return world;
    }

    long randomPrice(java.util.random.RandomGenerator random) {
        return priceMinCents + random.nextLong(priceMaxCents - priceMinCents + 1);
    }

    int cell(int shop, int good) {
        return shop * goods + good;
    }

    int shopOf(int cell) {
        return cell / goods;
    }

    int goodOf(int cell) {
        return cell % goods;
    }

    void close(int shop) {
        closed[shop] = true;
        closedList[closedCount++] = shop;
    }

    void reopen(int listIndex) {
        final int shop = closedList[listIndex];
        closed[shop] = false;
        closedList[listIndex] = closedList[--closedCount];
    }

    long newOrderId() {
        return nextOrderId++;
    }

    void addOrder(long id, int user, int cell, int qty, long unitPrice) {
        orderId[ringNext] = id;
        orderUser[ringNext] = user;
        orderCell[ringNext] = cell;
        orderLeft[ringNext] = qty;
        orderPrice[ringNext] = unitPrice;
        ringNext = (ringNext + 1) % orderId.length;
        ringCount = Math.min(ringCount + 1, orderId.length);
    }

    /** Whether this world has the dimensions the settings ask for. */
    boolean fits(WorldSettings settings) {
        return shops == settings.getShops() && goods == settings.getGoods() && users == settings.getUsers()
                && orderId.length == settings.getMaxOpenOrders() && priceMinCents == settings.getPriceMinCents()
                && priceMaxCents == settings.getPriceMaxCents() && startingBalance == settings.getStartingBalanceCents();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(shops);
        out.writeInt(goods);
        out.writeInt(users);
        out.writeLong(priceMinCents);
        out.writeLong(priceMaxCents);
        out.writeLong(startingBalance);
        out.writeInt(orderId.length);
        writeInts(out, stock, stock.length);
        writeLongs(out, price, price.length);
        final byte[] pricedBytes = priced.toByteArray();
        out.writeInt(pricedBytes.length);
        out.write(pricedBytes);
        out.writeInt(closedCount);
        writeInts(out, closedList, closedCount);
        writeLongs(out, balance, balance.length);
        out.writeInt(ringNext);
        out.writeInt(ringCount);
        // Until the ring wraps, only its first ringCount slots are in use.
        writeLongs(out, orderId, ringCount);
        writeInts(out, orderUser, ringCount);
        writeInts(out, orderCell, ringCount);
        writeInts(out, orderLeft, ringCount);
        writeLongs(out, orderPrice, ringCount);
        out.writeLong(nextOrderId);
        writeNullable(out, heldLine);
        out.writeInt(heldShop);
        writeNullable(out, lastLine);
        writeNullable(out, lastLineFile);
        out.writeInt(lastLineNo);
        out.writeInt(lastLineType);
        out.writeLong(lastLineShop);
    }

    static World read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a world file of this version");
        }
        final int shops = in.readInt();
        final int goods = in.readInt();
        final int users = in.readInt();
        final long priceMin = in.readLong();
        final long priceMax = in.readLong();
        final long startingBalance = in.readLong();
        final World world = new World(shops, goods, users, priceMin, priceMax, startingBalance, in.readInt());
        readInts(in, world.stock, world.stock.length);
        readLongs(in, world.price, world.price.length);
        final byte[] pricedBytes = new byte[in.readInt()];
        in.readFully(pricedBytes);
        world.priced.or(java.util.BitSet.valueOf(pricedBytes));
        final int closedCount = in.readInt();
        final int[] closedShops = new int[closedCount];
        readInts(in, closedShops, closedCount);
        for (int shop : closedShops) {
            world.close(shop);
        }
        readLongs(in, world.balance, world.balance.length);
        world.ringNext = in.readInt();
        world.ringCount = in.readInt();
        readLongs(in, world.orderId, world.ringCount);
        readInts(in, world.orderUser, world.ringCount);
        readInts(in, world.orderCell, world.ringCount);
        readInts(in, world.orderLeft, world.ringCount);
        readLongs(in, world.orderPrice, world.ringCount);
        world.nextOrderId = in.readLong();
        world.heldLine = readNullable(in);
        world.heldShop = in.readInt();
        world.lastLine = readNullable(in);
        world.lastLineFile = readNullable(in);
        world.lastLineNo = in.readInt();
        world.lastLineType = in.readInt();
        world.lastLineShop = in.readLong();
        return world;
    }

    private static final int CHUNK = 8192;

    /** Bulk copies through a byte buffer: a world of millions of cells saves in milliseconds. */
    private static void writeInts(DataOutputStream out, int[] values, int count) throws IOException {
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * CHUNK);
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, n);
            out.write(buffer.array(), 0, 4 * n);
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values, int count) throws IOException {
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 * CHUNK);
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            buffer.clear();
            buffer.asLongBuffer().put(values, from, n);
            out.write(buffer.array(), 0, 8 * n);
        }
    }

    private static void readInts(DataInputStream in, int[] values, int count) throws IOException {
        final byte[] bytes = new byte[4 * CHUNK];
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            in.readFully(bytes, 0, 4 * n);
            java.nio.ByteBuffer.wrap(bytes, 0, 4 * n).asIntBuffer().get(values, from, n);
        }
    }

    private static void readLongs(DataInputStream in, long[] values, int count) throws IOException {
        final byte[] bytes = new byte[8 * CHUNK];
        for (int from = 0; from < count; from += CHUNK) {
            final int n = Math.min(CHUNK, count - from);
            in.readFully(bytes, 0, 8 * n);
            java.nio.ByteBuffer.wrap(bytes, 0, 8 * n).asLongBuffer().get(values, from, n);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            final byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        final byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A read-only view for the world API. */
    public WorldView view() {
        return new WorldView(this);
    }
}
