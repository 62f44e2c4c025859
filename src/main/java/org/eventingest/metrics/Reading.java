package org.eventingest.metrics;

import com.codahale.metrics.Gauge;
import java.util.function.Supplier;

/**
 * A gauge that reads a value where it lives. A named class rather than a lambda: the Prometheus
 * bridge puts a gauge's class name into its HELP text, and a lambda's changes at every start.
 */
public final class Reading<T> implements Gauge<T> {

    private final Supplier<T> value;

    public Reading(Supplier<T> value) {
        this.value = value;
    }

    @Override
    public T getValue() {
        return value.get();
    }
}
