package org.eventingest.core.world;

/**
 * The dimensions and rules of a world, as the configuration's {@code [world]} section gives them:
 * the world a state directory holds must have the same, or the state is refused at start. Shops and
 * users are counted for the whole world; a {@link Partition} holds the ones it owns
 * ({@link #localShops()}, {@link #localUsers()}).
 *
 * @param shops            shop ids 1..shops, of the whole world
 * @param goods            good ids 1..goods; a (shop, good) is a cell
 * @param users            user ids 1..users, of the whole world
 * @param startingBalance  every user's balance at the start, in cents
 * @param priceMin         the lowest price, in cents
 * @param priceMax         the highest price, in cents
 * @param maxOpenOrders    how many recent orders stay returnable
 * @param zipf             whether shops are picked by Zipf's law rather than uniformly
 * @param zipfExponent     shop k is then picked with weight 1/k^exponent
 * @param partition        the part of the world this instance holds
 */
public record WorldSpec(int shops, int goods, int users, long startingBalance, long priceMin, long priceMax,
                        int maxOpenOrders, boolean zipf, double zipfExponent, Partition partition) {

    public WorldSpec {
        if (shops < 1 || goods < 1 || users < 1 || maxOpenOrders < 1 || (long) shops * goods > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("world dimensions out of range: " + shops + " × " + goods + ", "
                    + users + " users, " + maxOpenOrders + " open orders");
        }
        if (priceMin < 1 || priceMin > priceMax || startingBalance < 0 || zipfExponent < 0) {
            throw new IllegalArgumentException("world prices or balance out of range");
        }
        if (shops < partition.count() || users < partition.count()) {
            throw new IllegalArgumentException("a world of " + shops + " shops and " + users + " users split into "
                    + partition.count() + " partitions leaves a partition without a shop or a user");
        }
    }

    /** The whole world, unpartitioned. */
    public WorldSpec(int shops, int goods, int users, long startingBalance, long priceMin, long priceMax,
                     int maxOpenOrders, boolean zipf, double zipfExponent) {
        this(shops, goods, users, startingBalance, priceMin, priceMax, maxOpenOrders, zipf, zipfExponent,
                Partition.WHOLE);
    }

    /** The shops this instance holds (all of them unless partitioned). */
    public int localShops() {
        return partition.owned(shops);
    }

    /** The users this instance holds (all of them unless partitioned). */
    public int localUsers() {
        return partition.owned(users);
    }

    /** The cells this instance holds: its shops × the goods. */
    public int cells() {
        return localShops() * goods;
    }

    /** What differs from {@code other}, in the configuration's key names; empty when they are the same world. */
    public String differences(WorldSpec other) {
        final StringBuilder out = new StringBuilder();
        differ(out, "world.shops", shops, other.shops);
        differ(out, "world.goods", goods, other.goods);
        differ(out, "world.users", users, other.users);
        differ(out, "world.starting_balance (cents)", startingBalance, other.startingBalance);
        differ(out, "world.price_min (cents)", priceMin, other.priceMin);
        differ(out, "world.price_max (cents)", priceMax, other.priceMax);
        differ(out, "world.max_open_orders", maxOpenOrders, other.maxOpenOrders);
        differ(out, "world.partition", partition.index(), other.partition.index());
        differ(out, "world.partitions", partition.count(), other.partition.count());
        return out.toString();
    }

    private static void differ(StringBuilder out, String key, long mine, long theirs) {
        if (mine != theirs) {
            out.append(out.length() == 0 ? "" : ", ").append(key).append(' ').append(mine).append(" → ").append(theirs);
        }
    }
}
