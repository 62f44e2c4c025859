package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import org.hibernate.validator.constraints.Range;

/** {@code [events.mix]}: relative weights of the event types. */
public class MixSettings {

    @Range(min = 0, max = 1_000_000)
    @JsonProperty("restock")
    private int restock = 30;

    @Range(min = 0, max = 1_000_000)
    @JsonProperty("purchase")
    private int purchase = 40;

    @Range(min = 0, max = 1_000_000)
    @JsonProperty("price_change")
    private int priceChange = 10;

    @Range(min = 0, max = 1_000_000)
    @JsonProperty("return")
    private int returns = 10;

    @Range(min = 0, max = 1_000_000)
    @JsonProperty("shop_status")
    private int shopStatus = 10;

    @JsonIgnore
    @ValidationMethod(message = "events.mix weights must not all be 0")
    public boolean isAnyWeight() {
        return restock + purchase + priceChange + returns + shopStatus > 0;
    }

    /** Weights indexed by event type code. */
    public int[] weights() {
        return new int[] {restock, purchase, priceChange, returns, shopStatus};
    }
}
