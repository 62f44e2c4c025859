package org.eventingest.core.world;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.eventingest.core.TickRandom;

/**
 * The simulated shops: stock and current price per cell (shop, good), which shops are open, each
 * user's balance, the recent orders that can still be returned, the next order id, and what the
 * last file carries over to the next, for the shops and users of its {@link Partition}. Indexes are
 * 0-based and local here; ids on the wire are the partition's ({@link #shopId}, {@link #userId}:
 * index + 1 in an unpartitioned world), and order ids go up by the partition count.
 *
 * <p>Every change goes through a method that keeps the invariants (stock never negative, a
 * purchase within stock and balance, a return within what is left of its order) and records what
 * it changed in the tick's {@link WorldChanges}: one record gives both the undo of an abandoned
 * tick and the write-ahead record of a published one. Only the generator thread touches it (or the
 * helper thread, while the generator thread waits for it).
 */
public final class World {

    private final WorldSpec spec;
    final int[] stock;
    final long[] price;
    /** Whether the price of a cell has been on the wire yet (downstream knows it then). */
    final Bits priced;
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
    long nextOrderId;
    CarryOver carry = CarryOver.NONE;

    private final WorldChanges changes;

    World(WorldSpec spec) {
        this.spec = spec;
        final int cells = spec.cells();
        this.stock = new int[cells];
        this.price = new long[cells];
        this.priced = new Bits(cells);
        this.closed = new boolean[spec.localShops()];
        this.closedList = new int[spec.localShops()];
        this.balance = new long[spec.localUsers()];
        this.orderId = new long[spec.maxOpenOrders()];
        this.orderUser = new int[spec.maxOpenOrders()];
        this.orderCell = new int[spec.maxOpenOrders()];
        this.orderLeft = new int[spec.maxOpenOrders()];
        this.orderPrice = new long[spec.maxOpenOrders()];
        this.nextOrderId = spec.partition().firstId();
        this.changes = new WorldChanges(this);
    }

    /**
     * An empty world: no stock, every shop open, every user at the starting balance, each cell's
     * price drawn from the seed and the partition (so it is a function of them, never something to remember;
     * partition 0 draws the unpartitioned world's prices, the others their own, as {@link TickRandom} does).
     */
    public static World create(WorldSpec spec, long seed) {
        final World world = new World(spec);
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL
                ^ TickRandom.partitionSalt(spec.partition().index()));
        for (int cell = 0; cell < world.price.length; cell++) {
            world.price[cell] = world.randomPrice(random);
        }
        Arrays.fill(world.balance, spec.startingBalance());
        return world;
    }

    public WorldSpec spec() {
        return spec;
    }

    long randomPrice(RandomGenerator random) {
        return spec.priceMin() + random.nextLong(spec.priceMax() - spec.priceMin() + 1);
    }

    /** How many shops this world holds (its partition's): local indexes 0..shops-1. */
    int shops() {
        return closed.length;
    }

    /** How many users this world holds (its partition's): local indexes 0..users-1. */
    int users() {
        return balance.length;
    }

    /** The wire id of local shop index {@code shop}. */
    long shopId(int shop) {
        return spec.partition().id(shop);
    }

    /** The wire id of local user index {@code user}. */
    long userId(int user) {
        return spec.partition().id(user);
    }

    int cell(int shop, int good) {
        return shop * spec.goods() + good;
    }

    int shopOf(int cell) {
        return cell / spec.goods();
    }

    int goodOf(int cell) {
        return cell % spec.goods();
    }

    /** The changes of the tick in progress (empty between ticks). */
    WorldChanges changes() {
        return changes;
    }

    // ---- the changes events make; each records what it touches ----

    void restock(int cell, int added) {
        changes.cell(cell);
        stock[cell] += added;
    }

    void writeOff(int cell, int removed) {
        if (removed > stock[cell]) {
            throw new IllegalStateException("write-off of " + removed + " beyond stock " + stock[cell]);
        }
        changes.cell(cell);
        stock[cell] -= removed;
    }

    /**
     * A purchase of {@code qty} at the cell's current price: stock and balance go down, the order becomes returnable.
     */
    long buy(int user, int cell, int qty) {
        final long unit = price[cell];
        if (qty < 1 || qty > stock[cell] || qty * unit > balance[user]) {
            throw new IllegalStateException("purchase of " + qty + " beyond stock or balance");
        }
        changes.cell(cell);
        changes.user(user);
        stock[cell] -= qty;
        balance[user] -= qty * unit;
        priced.set(cell);
        final long id = takeOrderId();
        final int slot = ringNext;
        changes.slot(slot);
        orderId[slot] = id;
        orderUser[slot] = user;
        orderCell[slot] = cell;
        orderLeft[slot] = qty;
        orderPrice[slot] = unit;
        ringNext = (ringNext + 1) % orderId.length;
        ringCount = Math.min(ringCount + 1, orderId.length);
        return id;
    }

    /** Returns {@code qty} of the order in ring slot {@code slot}: stock comes back, the user is refunded. */
    long refund(int slot, int qty) {
        if (qty < 1 || qty > orderLeft[slot]) {
            throw new IllegalStateException("return of " + qty + " beyond what is left of the order");
        }
        final int cell = orderCell[slot];
        final int user = orderUser[slot];
        final long amount = qty * orderPrice[slot];
        changes.slot(slot);
        changes.cell(cell);
        changes.user(user);
        orderLeft[slot] -= qty;
        stock[cell] += qty;
        balance[user] += amount;
        return amount;
    }

    void changePrice(int cell, long next) {
        changes.cell(cell);
        price[cell] = next;
        priced.set(cell);
    }

    /** An order id that no event will ever carry again (purchases, and the invalid events that pretend to be one). */
    long takeOrderId() {
        final long id = nextOrderId;
        nextOrderId = Math.addExact(id, spec.partition().count());
        return id;
    }

    void close(int shop) {
        if (closed[shop]) {
            throw new IllegalStateException("shop index " + shop + " is closed already");
        }
        changes.closed(shop, -1);
        closed[shop] = true;
        closedList[closedCount++] = shop;
    }

    /** Reopens the shop at {@code listIndex} of the closed list (the last one takes its place). */
    int reopen(int listIndex) {
        final int shop = closedList[listIndex];
        changes.closed(shop, listIndex);
        closed[shop] = false;
        closedList[listIndex] = closedList[--closedCount];
        return shop;
    }

    /** Reopens {@code shop}, which must be closed. */
    void reopenShop(int shop) {
        for (int index = 0; index < closedCount; index++) {
            if (closedList[index] == shop) {
                reopen(index);
                return;
            }
        }
        throw new IllegalStateException("shop index " + shop + " is not closed");
    }

    /** What this file leaves for the next (the carry-over before the tick is kept by its changes). */
    void carry(CarryOver next) {
        carry = next;
    }

    /** The world without this tick's changes: as it was before the tick began. */
    void undo() {
        changes.undo();
    }

    /** A read-only view for the world API, naming the last file it includes. */
    public WorldView view(String lastFile) {
        return new WorldView(this, lastFile);
    }

    /** A copy of what the world API shows, to be written as JSON off the generator thread. */
    public WorldSnapshot snapshot(String lastFile) {
        return new WorldSnapshot(this, lastFile);
    }

    long nextOrderId() {
        return nextOrderId;
    }
}
