package org.eventingest.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Prometheus text format of the service's own metrics (through the Prometheus client's
 * Dropwizard bridge, renamed Prometheus-style with labels: {@code events.generated.purchase}
 * becomes {@code event_ingest_events_generated_total{type="purchase"}}) and of the JVM.
 */
public final class PrometheusMetrics {

    /** Dropwizard name pattern → Prometheus name and labels; {@code ${n}} is the n-th {@code *}. */
    static final List<MapperConfig> NAMES = List.of(
            map("ticks.duration", "event_ingest_tick_duration_seconds", Map.of()),
            map("ticks.lateness_us", "event_ingest_tick_lateness_microseconds", Map.of()),
            map("ticks.skipped", "event_ingest_ticks_skipped", Map.of()),
            map("ticks.paused", "event_ingest_ticks_paused", Map.of()),
            map("ticks.failed", "event_ingest_ticks_failed", Map.of()),
            map("ticks.behind", "event_ingest_ticks_behind", Map.of()),
            map("generator.paused", "event_ingest_generator_paused", Map.of()),
            map("generator.interval_seconds", "event_ingest_generator_interval_seconds", Map.of()),
            map("generator.events_per_second", "event_ingest_generator_events_per_second", Map.of()),
            map("files.published_total", "event_ingest_files_published", Map.of()), // the bridge names meters x_total
            map("files.bytes", "event_ingest_file_size_bytes", Map.of()),
            map("files.collisions", "event_ingest_file_collisions", Map.of()),
            map("files.write_failures", "event_ingest_file_write_failures", Map.of()),
            map("files.publication", "event_ingest_file_publication_seconds", Map.of()),
            map("pipeline.retries", "event_ingest_pipeline_retries", Map.of()),
            map("pipeline.backlog", "event_ingest_pipeline_backlog_files", Map.of()),
            map("pipeline.oldest_unannounced_seconds", "event_ingest_pipeline_oldest_unannounced_seconds", Map.of()),
            map("pipeline.parked", "event_ingest_pipeline_parked_files", Map.of()),
            map("pipeline.parked_total", "event_ingest_pipeline_parked", Map.of()));

    /** The Dropwizard names of the series mapped above (the bridge names meters {@code x_total}). */
    private static final Set<String> OURS = NAMES.stream()
            .flatMap(config -> Stream.of(config.getMatch(), config.getMatch().replaceFirst("_total$", "")))
            .collect(Collectors.toUnmodifiableSet());

    private PrometheusMetrics() {
    }

    private static MapperConfig map(String match, String name, Map<String, String> labels) {
        return new MapperConfig(match, name, labels);
    }

    /** A registry with the service's metrics and the JVM's. */
    public static PrometheusRegistry registry(MetricRegistry metrics) {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final List<LabeledCounters> labeled = List.of(
                new LabeledCounters(metrics, "events\\.generated\\.([a-z_]+)", "event_ingest_events_generated",
                        "Events published, by type", "type"),
                new LabeledCounters(metrics, "pipeline\\.calls\\.([a-z_]+)\\.([a-z_]+)", "event_ingest_pipeline_calls",
                        "Calls to pipeline-apid, by call and outcome", "call", "outcome"));
        labeled.forEach(registry::register);
        DropwizardExports.builder()
                .dropwizardRegistry(metrics)
                // Only the series mapped above: the executors' own metrics (generator, generator.running, ...)
                // would come out without the event_ingest_ prefix.
                .metricFilter((name, metric) -> OURS.contains(name)
                        && labeled.stream().noneMatch(family -> family.covers(name)))
                .customLabelMapper(new CustomLabelMapper(NAMES))
                .register(registry);
        JvmMetrics.builder().register(registry);
        return registry;
    }

    /**
     * The exposition servlet. Its registry (with the JVM's collectors, some 200 classes) is built
     * when the servlet is initialized, which Jetty does on the first scrape, not at start.
     */
    public static Servlet servlet(MetricRegistry metrics) {
        return new HttpServlet() {
            private PrometheusMetricsServlet exposition;

            @Override
            public void init(ServletConfig config) throws ServletException {
                super.init(config);
                exposition = new PrometheusMetricsServlet(registry(metrics));
                exposition.init(config);
            }

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws ServletException, IOException {
                exposition.service(request, response);
            }

            @Override
            public void destroy() {
                if (exposition != null) {
                    exposition.destroy();
                }
            }
        };
    }

}
