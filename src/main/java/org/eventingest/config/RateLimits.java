package org.eventingest.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a rate changed at runtime with the validator that checked the configuration file,
 * against the very constraints of {@link EventsSettings} ({@link Validator#validateValue}), so the
 * admin task and the file keep one set of rules.
 */
public final class RateLimits {

    private final Validator validator;

    public RateLimits(Validator validator) {
        this.validator = validator;
    }

    /** @return problems, each naming the key and its range; empty when both values are allowed */
    public List<String> check(Integer eventsPerBatch, Integer generationInterval) {
        final List<String> problems = new ArrayList<>();
        check("eventsPerBatch", "events.events_per_batch", eventsPerBatch, problems);
        check("generationInterval", "events.generation_interval", generationInterval, problems);
        return problems;
    }

    private void check(String property, String key, Integer value, List<String> problems) {
        if (value == null) {
            return;
        }
        for (ConstraintViolation<EventsSettings> violation : validator.validateValue(EventsSettings.class,
                property, value)) {
            problems.add(key + " " + violation.getMessage() + " (got " + value + ")");
        }
    }
}
