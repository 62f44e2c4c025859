package org.eventingest.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.dropwizard.logging.json.layout.EventJsonLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * Dropwizard's JSON layout with the service's numeric log fields written as JSON numbers. The MDC
 * holds only strings, so {@code "bytes":"132"} would otherwise reach a log pipeline that then needs
 * a conversion rule per field; fields whose values are digits but names ({@code file}, {@code tick})
 * stay strings.
 */
final class TypedJsonLayoutFactory extends EventJsonLayoutBaseFactory {

    /** The MDC keys whose values are whole numbers. */
    static final Set<String> NUMERIC_FIELDS = Set.of("backlog", "bytes", "down_seconds", "events", "failed_calls",
            "lateness_us", "tick_duration_ms");

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        final EventJsonLayout layout = new EventJsonLayout(createDropwizardJsonFormatter(),
                createTimestampFormatter(timeZone), createThrowableProxyConverter(context), getIncludes(),
                getCustomFieldNames(), getAdditionalFields(), getIncludesMdcKeys(), isFlattenMdc()) {
            @Override
            protected Map<String, Object> toJsonMap(ILoggingEvent event) {
                final Map<String, Object> fields = new LinkedHashMap<>(super.toJsonMap(event));
                for (String key : NUMERIC_FIELDS) {
                    if (fields.get(key) instanceof String text) {
                        fields.put(key, number(text));
                    }
                }
                return fields;
            }
        };
        layout.setContext(context);
        return layout;
    }

    private static Object number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text; // never expected: kept as it was rather than lost
        }
    }
}
