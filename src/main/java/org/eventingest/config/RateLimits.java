package org.eventingest.config;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.validator.constraints.Range;

/**
 * Checks a rate changed at runtime against the very {@link Range} annotations of
 * {@link EventsSettings}, so the admin task and the configuration file keep one set of rules.
 */
public final class RateLimits {

    private RateLimits() {
    }

    /** @return problems, each naming the key and its range; empty when both values are allowed */
    public static List<String> check(Integer eventsPerBatch, Integer generationInterval) {
        final List<String> problems = new ArrayList<>();
        if (eventsPerBatch != null) {
            check("eventsPerBatch", "events.events_per_batch", eventsPerBatch, problems);
        }
        if (generationInterval != null) {
            check("generationInterval", "events.generation_interval", generationInterval, problems);
        }
        return problems;
    }

    private static void check(String field, String key, long value, List<String> problems) {
        final Range range;
        try {
            range = EventsSettings.class.getDeclaredField(field).getAnnotation(Range.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        if (value < range.min() || value > range.max()) {
            problems.add(key + " must be between " + range.min() + " and " + range.max() + " (got " + value + ")");
        }
    }
}
