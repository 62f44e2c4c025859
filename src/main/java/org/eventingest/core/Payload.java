package org.eventingest.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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

    /** Field names, encoded once: the hot path writes their bytes without re-encoding them. */
    final class Names {
        static final SerializedString EVENT_TYPE = new SerializedString("event_type");
        static final SerializedString PAYLOAD = new SerializedString("payload");
        static final SerializedString SAVED_AT = new SerializedString("saved_at");
        static final SerializedString TIMESTAMP = new SerializedString("timestamp");
        static final SerializedString SHOP_ID = new SerializedString("shop_id");
        static final SerializedString GOOD_ID = new SerializedString("good_id");
        static final SerializedString DELTA_COUNT = new SerializedString("delta_count");
        static final SerializedString REASON = new SerializedString("reason");
        static final SerializedString SUB_EVENT_TYPE = new SerializedString("sub_event_type");
        static final SerializedString ORDER_ID = new SerializedString("order_id");
        static final SerializedString USER_ID = new SerializedString("user_id");
        static final SerializedString QTY = new SerializedString("qty");
        static final SerializedString PRICE_AT_ORDER = new SerializedString("price_at_order");
        static final SerializedString NEW_PRICE = new SerializedString("new_price");
        static final SerializedString OLD_PRICE = new SerializedString("old_price");
        static final SerializedString REFUND_AMOUNT = new SerializedString("refund_amount");
        static final SerializedString ACTIVE = new SerializedString("active");

        private Names() {
        }
    }

    /** The fields that purchases and returns share, in the contract's order. */
    private static void writeOrderLine(JsonGenerator json, long orderId, long userId, long shopId, long goodId, int qty)
            throws IOException {
        json.writeFieldName(Names.ORDER_ID);
        json.writeNumber(orderId);
        json.writeFieldName(Names.USER_ID);
        json.writeNumber(userId);
        json.writeFieldName(Names.SHOP_ID);
        json.writeNumber(shopId);
        json.writeFieldName(Names.GOOD_ID);
        json.writeNumber(goodId);
        json.writeFieldName(Names.QTY);
        json.writeNumber(qty);
    }

    /** Why stock changed: the sign of {@code delta_count} follows from it. */
    enum RestockKind {
        RESTOCK("restock", 1), DEFECT("defect", -1), LOSS("loss", -1);

        private final String wireName;
        private final com.fasterxml.jackson.core.io.SerializedString serialized;
        private final int sign;

        RestockKind(String wireName, int sign) {
            this.wireName = wireName;
            this.serialized = new com.fasterxml.jackson.core.io.SerializedString(wireName);
            this.sign = sign;
        }

        com.fasterxml.jackson.core.io.SerializedString serialized() {
            return serialized;
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
            json.writeFieldName(Names.SHOP_ID);
            json.writeNumber(shopId);
            json.writeFieldName(Names.GOOD_ID);
            json.writeNumber(goodId);
            json.writeFieldName(Names.DELTA_COUNT);
            json.writeNumber(deltaCount);
            json.writeFieldName(Names.REASON);
            json.writeString(reason);
            json.writeFieldName(Names.SUB_EVENT_TYPE);
            json.writeString(kind.serialized());
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
            json.writeFieldName(Names.PRICE_AT_ORDER);
            priceAtOrder.writeTo(json);
        }
    }

    record PriceChange(long shopId, long goodId, Money newPrice, Money oldPrice) implements Payload {
        @Override
        public EventType type() {
            return EventType.PRICE_CHANGE;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeFieldName(Names.SHOP_ID);
            json.writeNumber(shopId);
            json.writeFieldName(Names.GOOD_ID);
            json.writeNumber(goodId);
            json.writeFieldName(Names.NEW_PRICE);
            newPrice.writeTo(json);
            json.writeFieldName(Names.OLD_PRICE);
            oldPrice.writeTo(json);
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
            json.writeFieldName(Names.REFUND_AMOUNT);
            refundAmount.writeTo(json);
        }
    }

    record ShopStatus(long shopId, boolean active) implements Payload {
        @Override
        public EventType type() {
            return EventType.SHOP_STATUS;
        }

        @Override
        public void writeFields(JsonGenerator json) throws IOException {
            json.writeFieldName(Names.SHOP_ID);
            json.writeNumber(shopId);
            json.writeFieldName(Names.ACTIVE);
            json.writeBoolean(active);
        }
    }
}
