package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eventingest.core.world.AnomalyRates;

/** {@code [anomalies]}: rates of labelled faults, each a probability per generated event; all 0 by default. */
public class AnomalySettings {

    private static final String RANGE = "must be between 0.0 and 1.0";

    @NotNull
    @DecimalMin(value = "0.0", message = RANGE)
    @DecimalMax(value = "1.0", message = RANGE)
    @JsonProperty("duplicate")
    private BigDecimal duplicate = BigDecimal.ZERO;

    @NotNull
    @DecimalMin(value = "0.0", message = RANGE)
    @DecimalMax(value = "1.0", message = RANGE)
    @JsonProperty("out_of_order")
    private BigDecimal outOfOrder = BigDecimal.ZERO;

    @NotNull
    @DecimalMin(value = "0.0", message = RANGE)
    @DecimalMax(value = "1.0", message = RANGE)
    @JsonProperty("invalid")
    private BigDecimal invalid = BigDecimal.ZERO;

    @NotNull
    @DecimalMin(value = "0.0", message = RANGE)
    @DecimalMax(value = "1.0", message = RANGE)
    @JsonProperty("malformed")
    private BigDecimal malformed = BigDecimal.ZERO;

    /** The rates, as the generator takes them. */
    public AnomalyRates toRates() {
        return new AnomalyRates(getDuplicate(), getOutOfOrder(), getInvalid(), getMalformed());
    }

    public double getDuplicate() {
        return duplicate.doubleValue();
    }

    public double getOutOfOrder() {
        return outOfOrder.doubleValue();
    }

    public double getInvalid() {
        return invalid.doubleValue();
    }

    public double getMalformed() {
        return malformed.doubleValue();
    }
}
