package org.eventingest.core;


/**
 * The {@code payload} object of an event line. Each type writes its own fields, in the order and
 * with the names that the contract gives; every type carries {@code shop_id}, which sharding needs.
 */
public sealed interface Payload permits Payload.Restock, Payload.Purchase, Payload.PriceChange,
        Payload.Return, Payload.ShopStatus {

    EventType type();

    long shopId();

    /** Writes the payload's fields into an object that the caller has opened. */
    void writeFields(LineEncoder line);

    /** Field names, encoded once: the hot path copies their bytes. */
    final class Names {
        static final byte[] SHOP_ID = LineEncoder.name("shop_id");
        static final byte[] GOOD_ID = LineEncoder.name("good_id");
        static final byte[] DELTA_COUNT = LineEncoder.name("delta_count");
        static final byte[] REASON = LineEncoder.name("reason");
        static final byte[] SUB_EVENT_TYPE = LineEncoder.name("sub_event_type");
        static final byte[] ORDER_ID = LineEncoder.name("order_id");
        static final byte[] USER_ID = LineEncoder.name("user_id");
        static final byte[] QTY = LineEncoder.name("qty");
        static final byte[] PRICE_AT_ORDER = LineEncoder.name("price_at_order");
        static final byte[] NEW_PRICE = LineEncoder.name("new_price");
        static final byte[] OLD_PRICE = LineEncoder.name("old_price");
        static final byte[] REFUND_AMOUNT = LineEncoder.name("refund_amount");
        static final byte[] ACTIVE = LineEncoder.name("active");

        private Names() {
        }
    }

    /** The fields that purchases and returns share, in the contract's order. */
    private static void writeOrderLine(LineEncoder line, long orderId, long userId, long shopId, long goodId, int qty) {
        line.field(Names.ORDER_ID);
        line.number(orderId);
        line.field(Names.USER_ID);
        line.number(userId);
        line.field(Names.SHOP_ID);
        line.number(shopId);
        line.field(Names.GOOD_ID);
        line.number(goodId);
        line.field(Names.QTY);
        line.number(qty);
    }

    /** Why stock changed: the sign of {@code delta_count} follows from it. */
    enum RestockKind {
        RESTOCK("restock", 1), DEFECT("defect", -1), LOSS("loss", -1);

        private final String wireName;
        private final byte[] quoted;
        private final int sign;

        RestockKind(String wireName, int sign) {
            this.wireName = wireName;
            this.quoted = LineEncoder.quote(wireName);
            this.sign = sign;
        }

        byte[] quoted() {
            return quoted;
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
        public void writeFields(LineEncoder line) {
            line.field(Names.SHOP_ID);
            line.number(shopId);
            line.field(Names.GOOD_ID);
            line.number(goodId);
            line.field(Names.DELTA_COUNT);
            line.number(deltaCount);
            line.field(Names.REASON);
            line.string(reason);
            line.field(Names.SUB_EVENT_TYPE);
            line.quotedString(kind.quoted());
        }
    }

    record Purchase(long orderId, long userId, long shopId, long goodId, int qty, Money priceAtOrder)
            implements Payload {
        @Override
        public EventType type() {
            return EventType.PURCHASE;
        }

        @Override
        public void writeFields(LineEncoder line) {
            writeOrderLine(line, orderId, userId, shopId, goodId, qty);
            line.field(Names.PRICE_AT_ORDER);
            line.money(priceAtOrder.cents());
        }
    }

    record PriceChange(long shopId, long goodId, Money newPrice, Money oldPrice) implements Payload {
        @Override
        public EventType type() {
            return EventType.PRICE_CHANGE;
        }

        @Override
        public void writeFields(LineEncoder line) {
            line.field(Names.SHOP_ID);
            line.number(shopId);
            line.field(Names.GOOD_ID);
            line.number(goodId);
            line.field(Names.NEW_PRICE);
            line.money(newPrice.cents());
            line.field(Names.OLD_PRICE);
            line.money(oldPrice.cents());
        }
    }

    record Return(long orderId, long userId, long shopId, long goodId, int qty, Money refundAmount) implements Payload {
        @Override
        public EventType type() {
            return EventType.RETURN;
        }

        @Override
        public void writeFields(LineEncoder line) {
            writeOrderLine(line, orderId, userId, shopId, goodId, qty);
            line.field(Names.REFUND_AMOUNT);
            line.money(refundAmount.cents());
        }
    }

    record ShopStatus(long shopId, boolean active) implements Payload {
        @Override
        public EventType type() {
            return EventType.SHOP_STATUS;
        }

        @Override
        public void writeFields(LineEncoder line) {
            line.field(Names.SHOP_ID);
            line.number(shopId);
            line.field(Names.ACTIVE);
            line.bool(active);
        }
    }
}
