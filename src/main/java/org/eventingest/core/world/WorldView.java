package org.eventingest.core.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventingest.core.Money;

/**
 * The expected state of the world as downstream should have it after loading every published
 * file: per shop whether it is open, its stock and the prices that events have shown; every user's
 * balance that differs from the starting one. Ids are the wire's (global); a partitioned instance shows its
 * own shops and users, and the union of the instances' views is the whole world's.
 */
public record WorldView(@JsonProperty("last_file") String lastFile,
                        @JsonProperty("next_order_id") long nextOrderId,
                        @JsonProperty("shops") List<Shop> shops,
                        @JsonProperty("balances") Map<Long, String> balances) {

    /** One shop: goods with stock, and prices that have appeared in events. */
    public record Shop(@JsonProperty("shop_id") long shopId,
                       @JsonProperty("open") boolean open,
                       @JsonProperty("stock") Map<Long, Integer> stock,
                       @JsonProperty("prices") Map<Long, String> prices) {
    }

    WorldView(World world, String lastFile) {
        this(lastFile, world.nextOrderId(), shops(world), balances(world));
    }

    private static List<Shop> shops(World world) {
        final List<Shop> shops = new ArrayList<>(world.spec().localShops());
        for (int shop = 0; shop < world.spec().localShops(); shop++) {
            final Map<Long, Integer> stock = new LinkedHashMap<>();
            final Map<Long, String> prices = new LinkedHashMap<>();
            for (int good = 0; good < world.spec().goods(); good++) {
                final int cell = world.cell(shop, good);
                if (world.stock[cell] != 0) {
                    stock.put(good + 1L, world.stock[cell]);
                }
                if (world.priced.get(cell)) {
                    prices.put(good + 1L, Money.ofCents(world.price[cell]).toString());
                }
            }
            shops.add(new Shop(world.shopId(shop), !world.closed[shop], stock, prices));
        }
        return shops;
    }

    private static Map<Long, String> balances(World world) {
        final Map<Long, String> balances = new LinkedHashMap<>();
        final long start = world.spec().startingBalance();
        for (int user = 0; user < world.spec().localUsers(); user++) {
            if (world.balance[user] != start) {
                balances.put(world.userId(user), Money.ofCents(world.balance[user]).toString());
            }
        }
        return balances;
    }
}
