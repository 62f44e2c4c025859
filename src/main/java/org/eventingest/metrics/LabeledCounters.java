package org.eventingest.metrics;

import com.codahale.metrics.Counting;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus counter family with labels from a family of Dropwizard counters or meters, for
 * example {@code events.generated.purchase} → {@code event_ingest_events_generated_total{type="purchase"}}.
 * (The Prometheus client's Dropwizard bridge makes one family per Dropwizard metric, so it cannot
 * put several of them under one name.)
 */
final class LabeledCounters implements Collector {

    private final MetricRegistry metrics;
    private final Pattern pattern;
    private final String name;
    private final String help;
    private final String[] labelNames;

    /** @param pattern a regex over Dropwizard names whose groups are the label values, in {@code labelNames} order */
    LabeledCounters(MetricRegistry metrics, String pattern, String name, String help, String... labelNames) {
        this.metrics = metrics;
        this.pattern = Pattern.compile(pattern);
        this.name = name;
        this.help = help;
        this.labelNames = labelNames;
    }

    boolean covers(String dropwizardName) {
        return pattern.matcher(dropwizardName).matches();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }

    @Override
    public MetricSnapshot collect() {
        final CounterSnapshot.Builder family = CounterSnapshot.builder().name(name).help(help);
        metrics.getMetrics().forEach((metricName, metric) -> {
            final Matcher matcher = pattern.matcher(metricName);
            if (metric instanceof Counting counting && matcher.matches()) {
                final String[] values = new String[labelNames.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = matcher.group(i + 1);
                }
                family.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of(labelNames, values)).value(counting.getCount()).build());
            }
        });
        return family.build();
    }
}
