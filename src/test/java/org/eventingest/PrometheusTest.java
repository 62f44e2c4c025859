package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.eventingest.support.JarProcess;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port's Prometheus output, and the dashboard in docs/ checked against it. */
class PrometheusTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.withPipeline(Instant.parse("2026-01-01T00:00:00.500Z"), shared, """
                [events]
                generation_interval = 1
                events_per_batch = 50
                [pipeline]
                url = "${pipeline.url}"
                """);
        app.tickAt(Instant.parse("2026-01-01T00:00:01Z"));
        app.tickAt(Instant.parse("2026-01-01T00:00:02Z"));
        // Both files announced (the sender works beside the ticks) before the exposition is read.
        Awaitility.await().atMost(30, TimeUnit.SECONDS)
                .until(() -> app.get("/api/v1/events/stats").json().at("/pipeline/backlog").asLong() == 0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Sample name → its lines, from a text exposition that must parse line by line. */
    private static Map<String, Integer> samples(String exposition) {
        final Map<String, Integer> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final Matcher matcher = SAMPLE.matcher(line);
            assertThat(matcher.matches()).as(line).isTrue();
            Double.parseDouble(matcher.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            samples.merge(matcher.group(1), 1, Integer::sum);
        }
        return samples;
    }

    @Test
    void theExpositionParsesAndHoldsTheExpectedFamilies() {
        final RunningApp.Answer answer = app.admin("/metrics/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        final String text = answer.body();
        final Map<String, Integer> samples = samples(text);
        assertThat(samples.keySet()).contains("event_ingest_events_generated_total",
                "event_ingest_files_published_total", "event_ingest_tick_lateness_microseconds",
                "event_ingest_tick_duration_seconds_count", "event_ingest_ticks_skipped_total",
                "event_ingest_ticks_paused_total", "event_ingest_pipeline_backlog_files",
                "event_ingest_pipeline_calls_total", "event_ingest_file_size_bytes", "jvm_memory_used_bytes",
                "jvm_gc_collection_seconds_sum", "jvm_threads_current");
        assertThat(samples.get("event_ingest_events_generated_total")).isEqualTo(5);
        for (String type : new String[] {"restock", "purchase", "price_change", "return", "shop_status"}) {
            assertThat(text).contains("event_ingest_events_generated_total{type=\"" + type + "\"}");
        }
        assertThat(text).contains("event_ingest_pipeline_calls_total{call=\"register\",outcome=\"ok\"} 2.0")
                .contains("event_ingest_files_published_total 2.0")
                .contains("# TYPE event_ingest_events_generated_total counter");
        // Every series is the service's, the JVM's or the process's; gauges are gauges; HELP is the same at every
        // start (no lambda class names).
        assertThat(samples.keySet()).allMatch(name -> name.startsWith("event_ingest_") || name.startsWith("jvm_")
                || name.startsWith("process_"), "a prefixed series");
        assertThat(text).contains("# TYPE event_ingest_generator_paused gauge")
                .contains("# TYPE event_ingest_generator_interval_seconds gauge")
                .doesNotContain("$$Lambda").doesNotContain("generator_running_total");
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        final JsonNode dashboard = new ObjectMapper().readTree(JarProcess.projectRoot()
                .resolve("docs/grafana-dashboard.json").toFile());
        final Set<String> used = new TreeSet<>();
        final Pattern metric = Pattern.compile("\\b((?:event_ingest|jvm)_[a-zA-Z0-9_]+)");
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries++;
                final Matcher matcher = metric.matcher(target.get("expr").asText());
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        final Matcher variables = metric.matcher(dashboard.get("templating").toString());
        while (variables.find()) {
            used.add(variables.group(1));
        }
        assertThat(queries).isGreaterThanOrEqualTo(10);
        assertThat(used).hasSizeGreaterThanOrEqualTo(15);
        assertThat(samples(app.admin("/metrics/prometheus").body()).keySet()).containsAll(used);
    }
}
