package org.eventingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** JSON log lines keep the types of the service's fields: numbers as numbers, names as strings. */
class TypedJsonLayoutFactoryTest {

    @Test
    void numericFieldsAreNumbersAndDigitNamesStayStrings() throws Exception {
        final LoggerContext context = new LoggerContext();
        final TypedJsonLayoutFactory factory = new TypedJsonLayoutFactory();
        factory.setFlattenMdc(true);
        final LayoutBase<ILoggingEvent> layout = factory.build(context, TimeZone.getTimeZone("UTC"));
        layout.start();
        final LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO, "published", null,
                null);
        event.setMDCPropertyMap(Map.of("bytes", "132", "lateness_us", "-5", "tick_duration_ms", "2",
                "file", "20260101000010.event-ingest.txt", "tick", "20260101000010", "pipeline_state", "down"));

        final JsonNode line = new ObjectMapper().readTree(layout.doLayout(event));

        assertThat(line.get("bytes").isNumber()).isTrue();
        assertThat(line.get("bytes").asLong()).isEqualTo(132);
        assertThat(line.get("lateness_us").asLong()).isEqualTo(-5);
        assertThat(line.get("tick_duration_ms").isNumber()).isTrue();
        assertThat(line.get("tick").isTextual()).isTrue();
        assertThat(line.get("file").asText()).isEqualTo("20260101000010.event-ingest.txt");
        assertThat(line.get("pipeline_state").asText()).isEqualTo("down");
        assertThat(line.get("message").asText()).isEqualTo("published");
    }

    @Test
    void everyNumericFieldIsOneTheServicePuts() throws Exception {
        // A field renamed in the code but not here would silently become a string again.
        final StringBuilder sources = new StringBuilder();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                sources.append(Files.readString(file));
            }
        }
        for (String key : TypedJsonLayoutFactory.NUMERIC_FIELDS) {
            assertThat(sources.toString()).as(key).containsPattern("MDC\\.put(Closeable)?\\(\"" + key + "\"");
        }
    }
}
