package org.eventingest.core.world;

import java.util.Arrays;

/**
 * What the tick in progress changed in its {@link World}: every cell, user and order slot it
 * touched (with the value before the first touch), the shops it closed and reopened in order, and
 * the counters and carry-over as they were when it began. {@link #undo()} puts the world back as it
 * was; {@link WorldCodec#writeRedo} writes the touched values as they are now, the write-ahead
 * record of the tick. Its size grows with the tick, never with the world.
 */
final class WorldChanges {

    private final World world;

    private final Bits touchedCells;
    int[] cells = new int[64];
    private int[] cellStock = new int[64];
    private long[] cellPrice = new long[64];
    private boolean[] cellPriced = new boolean[64];
    int cellCount;

    private final Bits touchedUsers;
    int[] users = new int[64];
    private long[] userBalance = new long[64];
    int userCount;

    private final Bits touchedSlots;
    int[] slots = new int[64];
    private long[] slotOrder = new long[64];
    private int[] slotUser = new int[64];
    private int[] slotCell = new int[64];
    private int[] slotLeft = new int[64];
    private long[] slotPrice = new long[64];
    int slotCount;

    /** Shop status changes in order, as pairs (shop, closed-list index it was reopened from, or -1 for a close). */
    int[] shopOps = new int[16];
    int shopOpCount;

    private int ringNext;
    private int ringCount;
    private long nextOrderId;
    private CarryOver carry;

    WorldChanges(World world) {
        this.world = world;
        this.touchedCells = new Bits(world.spec().cells());
        this.touchedUsers = new Bits(world.spec().localUsers());
        this.touchedSlots = new Bits(world.spec().maxOpenOrders());
        begin();
    }

    /** Forgets what was recorded: the world as it is now is the one an undo returns to. */
    void begin() {
        for (int i = 0; i < cellCount; i++) {
            touchedCells.clear(cells[i]);
        }
        for (int i = 0; i < userCount; i++) {
            touchedUsers.clear(users[i]);
        }
        for (int i = 0; i < slotCount; i++) {
            touchedSlots.clear(slots[i]);
        }
        cellCount = 0;
        userCount = 0;
        slotCount = 0;
        shopOpCount = 0;
        ringNext = world.ringNext;
        ringCount = world.ringCount;
        nextOrderId = world.nextOrderId;
        carry = world.carry;
    }

    void cell(int cell) {
        if (touchedCells.get(cell)) {
            return;
        }
        touchedCells.set(cell);
        if (cellCount == cells.length) {
            final int size = cells.length * 2;
            cells = Arrays.copyOf(cells, size);
            cellStock = Arrays.copyOf(cellStock, size);
            cellPrice = Arrays.copyOf(cellPrice, size);
            cellPriced = Arrays.copyOf(cellPriced, size);
        }
        cells[cellCount] = cell;
        cellStock[cellCount] = world.stock[cell];
        cellPrice[cellCount] = world.price[cell];
        cellPriced[cellCount] = world.priced.get(cell);
        cellCount++;
    }

    void user(int user) {
        if (touchedUsers.get(user)) {
            return;
        }
        touchedUsers.set(user);
        if (userCount == users.length) {
            users = Arrays.copyOf(users, users.length * 2);
            userBalance = Arrays.copyOf(userBalance, users.length);
        }
        users[userCount] = user;
        userBalance[userCount] = world.balance[user];
        userCount++;
    }

    void slot(int slot) {
        if (touchedSlots.get(slot)) {
            return;
        }
        touchedSlots.set(slot);
        if (slotCount == slots.length) {
            final int size = slots.length * 2;
            slots = Arrays.copyOf(slots, size);
            slotOrder = Arrays.copyOf(slotOrder, size);
            slotUser = Arrays.copyOf(slotUser, size);
            slotCell = Arrays.copyOf(slotCell, size);
            slotLeft = Arrays.copyOf(slotLeft, size);
            slotPrice = Arrays.copyOf(slotPrice, size);
        }
        slots[slotCount] = slot;
        slotOrder[slotCount] = world.orderId[slot];
        slotUser[slotCount] = world.orderUser[slot];
        slotCell[slotCount] = world.orderCell[slot];
        slotLeft[slotCount] = world.orderLeft[slot];
        slotPrice[slotCount] = world.orderPrice[slot];
        slotCount++;
    }

    void closed(int shop, int reopenedFrom) {
        if (shopOpCount * 2 == shopOps.length) {
            shopOps = Arrays.copyOf(shopOps, shopOps.length * 2);
        }
        shopOps[shopOpCount * 2] = shop;
        shopOps[shopOpCount * 2 + 1] = reopenedFrom;
        shopOpCount++;
    }

    /** Puts back everything recorded since {@link #begin()}, then begins again. */
    void undo() {
        for (int op = shopOpCount - 1; op >= 0; op--) {
            final int shop = shopOps[op * 2];
            final int from = shopOps[op * 2 + 1];
            if (from < 0) {
                world.closedList[--world.closedCount] = 0;
                world.closed[shop] = false;
            } else {
                world.closedList[world.closedCount++] = world.closedList[from];
                world.closedList[from] = shop;
                world.closed[shop] = true;
            }
        }
        for (int i = 0; i < cellCount; i++) {
            final int cell = cells[i];
            world.stock[cell] = cellStock[i];
            world.price[cell] = cellPrice[i];
            world.priced.set(cell, cellPriced[i]);
        }
        for (int i = 0; i < userCount; i++) {
            world.balance[users[i]] = userBalance[i];
        }
        for (int i = 0; i < slotCount; i++) {
            final int slot = slots[i];
            world.orderId[slot] = slotOrder[i];
            world.orderUser[slot] = slotUser[i];
            world.orderCell[slot] = slotCell[i];
            world.orderLeft[slot] = slotLeft[i];
            world.orderPrice[slot] = slotPrice[i];
        }
        world.ringNext = ringNext;
        world.ringCount = ringCount;
        world.nextOrderId = nextOrderId;
        world.carry = carry;
        begin();
    }
}
