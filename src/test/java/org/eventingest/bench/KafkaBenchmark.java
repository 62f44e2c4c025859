package org.eventingest.bench;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.IoFaults;
import org.eventingest.core.TickRandom;
import org.eventingest.core.world.AnomalyRates;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.world.WorldStore;
import org.eventingest.kafka.KafkaConfig;
import org.eventingest.kafka.KafkaTickOutput;
import org.eventingest.support.KafkaBroker;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.Published;
import org.eventingest.tick.Rate;

/**
 * The Kafka output against Kafka's own {@code kafka-producer-perf-test}
 * ({@code org.apache.kafka.tools.ProducerPerformance}), on one broker started for the run
 * ({@code make bench-kafka}), in rounds: ticks of N events of the default world through the service's own
 * tick code (world, encoding, one transaction per tick with its truth record), then the perf test with
 * as many records of the ticks' mean record size, {@code acks=all}, transactional, one transaction
 * per tick's duration, the same batching. Prints events/s and MB/s of both and their ratio for each
 * round, and the median ratio: rounds that alternate on one broker see the same machine, where separate
 * runs minutes apart did not.
 *
 * <p>Arguments: {@code [events per tick] [ticks a round] [rounds]}, default 200000, 6 and 3 (each round's first tick
 * is a warm-up).
 */
public final class KafkaBenchmark {

    private static final int PARTITIONS = 4;
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

    private KafkaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        final Path dir = Files.createTempDirectory("event-ingest-kafka-bench");
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"))) {
            broker.createTopic("bench", PARTITIONS);
            broker.createTopic("bench.truth", 1);
            broker.createTopic("perf", PARTITIONS);
            final KafkaConfig config = new KafkaConfig(broker.bootstrap(), "bench", "bench.truth", "bench-0",
                    PARTITIONS, 0, Duration.ofSeconds(30), Duration.ofSeconds(300), Map.of());
            final WorldSettings world = new WorldSettings();
            final WorldStore store = WorldStore.open(dir.resolve("state"), Optional.empty(), world.toSpec(),
                    OptionalLong.of(1), () -> 1, IoFaults.NONE);
            final WorldEventGenerator generator = new WorldEventGenerator(store,
                    new EventMix(new int[] {30, 40, 10, 10, 10}), AnomalyRates.NONE, PARTITIONS,
                    Clock.systemUTC());
            try (KafkaTickOutput output = new KafkaTickOutput(config, store::lastFile, new MetricRegistry())) {
                output.start();
                final EventTickJob job = new EventTickJob(generator, output, new TickRandom(1),
                        new AtomicReference<>(new Rate(events, events, Duration.ofSeconds(1), BatchSize.EXACT)),
                        new MetricRegistry(), List.of());
                final double[] ratios = new double[rounds];
                Instant boundary = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                for (int round = 0; round < rounds; round++) {
                    final double[] rates = new double[ticks - 1];
                    final double[] megabytes = new double[ticks - 1];
                    final double[] seconds = new double[ticks - 1];
                    long bytes = 0;
                    long lines = 0;
                    for (int i = 0; i < ticks; i++) {
                        final long started = System.nanoTime();
                        final Published tick = job.runSized(boundary, events)
                                .orElseThrow(() -> new IllegalStateException("a tick was not committed; see the log"));
                        final double took = (System.nanoTime() - started) / 1e9;
                        boundary = boundary.plusSeconds(Math.max(1, (long) Math.ceil(took)));
                        System.out.printf(Locale.ROOT,
                                "round %d tick %d: %d events, %.1f MB in %.2f s: %.0f events/s, %.1f MB/s%s%n",
                                round + 1, i + 1, tick.events(), tick.bytes() / 1e6, took, tick.events() / took,
                                tick.bytes() / took / 1e6, i == 0 ? " (warm-up)" : "");
                        if (i > 0) {
                            rates[i - 1] = tick.events() / took;
                            megabytes[i - 1] = tick.bytes() / took / 1e6;
                            seconds[i - 1] = took;
                            bytes += tick.bytes();
                            lines += tick.events();
                        }
                    }
                    final int recordSize = (int) Math.round((double) bytes / lines) - 1; // without the newline
                    final double[] perf = producerPerformance(broker, round, lines, recordSize,
                            (long) (median(seconds) * 1000));
                    final double ours = median(rates);
                    ratios[round] = ours / perf[0];
                    System.out.printf(Locale.ROOT, "round %d: event-ingest (kafka) median %.0f events/s, %.1f MB/s "
                            + "over %d ticks of %d events (mean record %d bytes + key and 3 headers); "
                            + "ProducerPerformance %.0f records/s, %.1f MB/s (%d records of %d bytes, acks=all, "
                            + "transactional, same batching); ratio %.2f%n", round + 1, ours, median(megabytes),
                            ticks - 1, events, recordSize, perf[0], perf[1], lines, recordSize, ratios[round]);
                }
                System.out.printf(Locale.ROOT, "ratio: median %.2f of ProducerPerformance's records/s over %d rounds "
                        + "%s%n", median(ratios), rounds, Arrays.toString(ratios));
            }
        }
    }

    /** Runs Kafka's perf test in a JVM of the staged jars; its records/s and MB/s. */
    private static double[] producerPerformance(KafkaBroker broker, int round, long records, int recordSize,
                                                long transactionMillis) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", KafkaBroker.stagedDir().resolve("*").toString(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "perf",
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--transactional-id", "perf-" + round,
                "--transaction-duration-ms", Long.toString(Math.max(1, transactionMillis)),
                "--producer-props", "bootstrap.servers=" + broker.bootstrap(), "acks=all", "enable.idempotence=true",
                "linger.ms=5", "batch.size=262144"));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("ProducerPerformance failed:\n" + output);
        }
        final String[] lines = output.strip().split("\n");
        final Matcher summary = SUMMARY.matcher(lines[lines.length - 1]);
        if (!summary.find()) {
            throw new IllegalStateException("no summary in ProducerPerformance's output:\n" + output);
        }
        return new double[] {Double.parseDouble(summary.group(2)), Double.parseDouble(summary.group(3))};
    }

    private static double median(double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
