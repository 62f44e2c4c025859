package org.eventingest.core.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.eventingest.core.Money;

/**
 * A copy of what the world API shows, taken on the generator thread between ticks (a few array
 * copies, no maps) and written as JSON from any thread afterwards, streaming: its size in memory
 * is the arrays', whatever the number of goods with stock. The JSON is {@link WorldView}'s.
 */
public final class WorldSnapshot {

    private final String lastFile;
    private final long nextOrderId;
    private final int goods;
    private final long startingBalance;
    private final Partition partition;
    private final int[] stock;
    private final long[] price;
    private final Bits priced;
    private final boolean[] closed;
    private final long[] balance;

    WorldSnapshot(World world, String lastFile) {
        this.lastFile = lastFile;
        this.nextOrderId = world.nextOrderId();
        this.goods = world.spec().goods();
        this.startingBalance = world.spec().startingBalance();
        this.partition = world.spec().partition();
        this.stock = world.stock.clone();
        this.price = world.price.clone();
        this.priced = world.priced.copy();
        this.closed = world.closed.clone();
        this.balance = world.balance.clone();
    }

    /** The last file this world includes (null before the first). */
    public String lastFile() {
        return lastFile;
    }

    /** Writes the view as one JSON object, in {@link WorldView}'s field order. */
    public void writeJson(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("last_file", lastFile);
        json.writeNumberField("next_order_id", nextOrderId);
        json.writeArrayFieldStart("shops");
        for (int shop = 0; shop < closed.length; shop++) {
            writeShop(json, shop);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("balances");
        for (int user = 0; user < balance.length; user++) {
            if (balance[user] != startingBalance) {
                json.writeStringField(Long.toString(partition.id(user)), Money.ofCents(balance[user]).toString());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void writeShop(JsonGenerator json, int shop) throws IOException {
        final int first = shop * goods;
        json.writeStartObject();
        json.writeNumberField("shop_id", partition.id(shop));
        json.writeBooleanField("open", !closed[shop]);
        json.writeObjectFieldStart("stock");
        for (int good = 0; good < goods; good++) {
            if (stock[first + good] != 0) {
                json.writeNumberField(Long.toString(good + 1L), stock[first + good]);
            }
        }
        json.writeEndObject();
        json.writeObjectFieldStart("prices");
        for (int good = 0; good < goods; good++) {
            if (priced.get(first + good)) {
                json.writeStringField(Long.toString(good + 1L), Money.ofCents(price[first + good]).toString());
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
