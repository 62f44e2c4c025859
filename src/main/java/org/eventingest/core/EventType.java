package org.eventingest.core;

/** The five event types and their wire codes. */
public enum EventType {
    RESTOCK(0, "restock"),
    PURCHASE(1, "purchase"),
    PRICE_CHANGE(2, "price_change"),
    RETURN(3, "return"),
    SHOP_STATUS(4, "shop_status");

    private static final EventType[] BY_CODE = values();

    private final int code;
    private final String label;

    EventType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** A lower-case name for metrics and stats. */
    public String label() {
        return label;
    }

    public static EventType ofCode(int code) {
        return BY_CODE[code];
    }
}
