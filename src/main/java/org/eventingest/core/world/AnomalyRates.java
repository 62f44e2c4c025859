package org.eventingest.core.world;

/**
 * The rates of labelled faults ({@code [anomalies]}), each a probability per generated event;
 * {@code outOfOrder} is per event too, drawn once per file as {@code min(1, rate × events)}.
 */
public record AnomalyRates(double duplicate, double outOfOrder, double invalid, double malformed) {

    /** No anomalies. */
    public static final AnomalyRates NONE = new AnomalyRates(0, 0, 0, 0);
}
