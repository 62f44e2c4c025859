package org.eventingest.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The {@code payload} object of an event line. Each type writes its own fields, in the order and
 * with the names that the contract gives; every type carries {@code shop_id}, which sharding needs.
 */
public sealed interface Payload permits Payload.Restock, Payload.Purchase, Payload.PriceChange,
        Payload.Return, Payload.ShopStatus {

    EventType type();

    long shopId();

    /** Writes the payload's fields into an object that the caller has opened. */
    void writeFields(JsonGenerator json) throws IOException;

    /** The fields that purchases and returns share, in the contract's order. */
    private static void writeOrderLine(JsonGenerator json, long orderId, long userId, long shopId, long goodId, int qty)
            throws IOException {
        json.writeNumberField("order_id", orderId);
        json.writeNumberField("user_id", userId);
        json.writeNumberField("shop_id", shopId);
        json.writeNumberField("good_id", goodId);
        json.writeNumberField("qty", qty);
    }

    /** Why stock changed: the sign of {@code delta_count} follows from it. */
    enum RestockKind {
        RESTOCK("restock", 1), DEFECT("defect", -1), LOSS("loss", -1);

        private final String wireName;
        private final int sign;

        RestockKind(String wireName, int sign) {
            this.wireName = wireName;
            this.sign = sign;
        }

        public String wireName() {
            return wireName;
        }

        public int sign() {
            return sign;
        }
    }

    record Restock(long shopId, long goodId, int deltaCount, String reason, RestockKind kind) implements Payload {
        public Restock {
            if (deltaCount == 0 || Integer.signum(deltaCount) != kind.sign()) {
                throw new IllegalArgumentException(kind.wireName() + " cannot have delta_count " + deltaCount);
            }
        }

        @Override
        public EventType type() {
            return EventType.RESTOCK;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("shop_id", shopId);
            json.writeNumberField("good_id", goodId);
            json.writeNumberField("delta_count", deltaCount);
            json.writeStringField("reason", reason);
            json.writeStringField("sub_event_type", kind.wireName());
        }
    }

    record Purchase(long orderId, long userId, long shopId, long goodId, int qty, Money priceAtOrder) implements Payload {
        @Override
        public EventType type() {
            return EventType.PURCHASE;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            writeOrderLine(json, orderId, userId, shopId, goodId, qty);
            json.writeFieldName("price_at_order");
            json.writeNumber(priceAtOrder.toString());
        }
    }

    record PriceChange(long shopId, long goodId, Money newPrice, Money oldPrice) implements Payload {
        @Override
        public EventType type() {
            return EventType.PRICE_CHANGE;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("shop_id", shopId);
            json.writeNumberField("good_id", goodId);
            json.writeFieldName("new_price");
            json.writeNumber(newPrice.toString());
            json.writeFieldName("old_price");
            json.writeNumber(oldPrice.toString());
        }
    }

    record Return(long orderId, long userId, long shopId, long goodId, int qty, Money refundAmount) implements Payload {
        @Override
        public EventType type() {
            return EventType.RETURN;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            writeOrderLine(json, orderId, userId, shopId, goodId, qty);
            json.writeFieldName("refund_amount");
            json.writeNumber(refundAmount.toString());
        }
    }

    record ShopStatus(long shopId, boolean active) implements Payload {
        @Override
        public EventType type() {
            return EventType.SHOP_STATUS;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeNumberField("shop_id", shopId);
            json.writeBooleanField("active", active);
        }
    }
}
