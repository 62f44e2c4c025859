package org.eventingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.eventingest.core.world.FullWorlds;
import org.eventingest.core.world.WorldSpec;
import org.eventingest.support.JarProcess;

/**
 * Readers against the packaged service on loopback, from the same machine ({@code make bench-flood}):
 *
 * <ol>
 *   <li>30 concurrent {@code GET /api/v1/world} of a 10,000,000-cell world (every cell stocked and
 *   priced, the largest answer such a world has) under {@code -Xmx1g}, in rounds: the answers'
 *   statuses, sizes and times, and the largest heap in use meanwhile;</li>
 *   <li>2,000 concurrent readers of the default world at {@code generation_interval = 1}, each
 *   asking again as soon as it is answered, for a while: the statuses, and what the ticks meanwhile
 *   show in the service's own log (lateness of each tick, boundaries skipped).</li>
 * </ol>
 *
 * <p>Arguments: {@code [rounds of 30] [seconds of 2,000]}, default 5 and 30; 0 leaves that part out.
 */
public final class FloodBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FloodBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        final Path dir = Files.createTempDirectory("event-ingest-flood");
        try {
            if (rounds > 0) {
                bigWorld(dir.resolve("big"), rounds);
            }
            if (seconds > 0) {
                manyReaders(dir.resolve("many"), seconds);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void bigWorld(Path dir, int rounds) throws Exception {
        final WorldSpec spec = new WorldSpec(1000, 10_000, 10_000, 10_000_000, 100, 50_000, 10_000, false, 1.0);
        FullWorlds.write(dir.resolve("shared/event-ingest-state"), spec, 7, "20200101000000.event-ingest.txt");
        try (Service service = Service.start(dir, "[world]\nshops = 1000\ngoods = 10000\n", List.of("-Xmx1g"))) {
            service.awaitWorld();
            final int logFrom = service.log().length();
            final JsonNode before = service.stats();
            final HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();
            final HeapSampler heap = new HeapSampler(http, service.adminPort);
            heap.start();
            final Map<Integer, Integer> statuses = new TreeMap<>();
            final List<Long> millis = new ArrayList<>();
            long bytes = 0;
            for (int round = 0; round < rounds; round++) {
                final List<CompletableFuture<long[]>> answers = new ArrayList<>();
                for (int reader = 0; reader < 30; reader++) {
                    final long sent = System.nanoTime();
                    answers.add(http.sendAsync(service.get("/api/v1/world"), HttpResponse.BodyHandlers.ofInputStream())
                            .thenApply(response -> {
                                try (var body = response.body()) {
                                    final long length = body.transferTo(OutputStream.nullOutputStream());
                                    return new long[] {response.statusCode(), length,
                                            (System.nanoTime() - sent) / 1_000_000};
                                } catch (IOException e) {
                                    return new long[] {-1, 0, (System.nanoTime() - sent) / 1_000_000};
                                }
                            }));
                }
                for (CompletableFuture<long[]> answer : answers) {
                    final long[] a = answer.join();
                    statuses.merge((int) a[0], 1, Integer::sum);
                    millis.add(a[2]);
                    bytes = Math.max(bytes, a[1]);
                }
            }
            heap.stop();
            System.out.printf("30 concurrent readers of a 10,000,000-cell world, -Xmx1g, %d rounds:%n", rounds);
            System.out.printf("  statuses %s; answer %.1f MB; time per answer median %d ms, max %d ms%n",
                    statuses, bytes / 1e6, median(millis), millis.stream().mapToLong(Long::longValue).max().orElse(0));
            System.out.printf("  largest heap in use meanwhile %.0f MB; OutOfMemoryError in the log: %s%n",
                    heap.max() / 1e6, service.log().contains("OutOfMemoryError"));
            printTicks(service, logFrom, before);
        }
    }

    private static void manyReaders(Path dir, int seconds) throws Exception {
        try (Service service = Service.start(dir, "", List.of())) {
            service.awaitWorld();
            final int logFrom = service.log().length();
            final JsonNode before = service.stats();
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
            final long until = System.nanoTime() + seconds * 1_000_000_000L;
            final List<CompletableFuture<Void>> readers = new ArrayList<>();
            for (int reader = 0; reader < 2000; reader++) {
                readers.add(read(http, service, statuses, until));
            }
            CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).join();
            System.out.printf("2,000 concurrent readers of the default world at interval 1 for %d s:%n", seconds);
            System.out.printf("  answers %s%n", new TreeMap<>(statuses));
            printTicks(service, logFrom, before);
        }
    }

    /** What the ticks since {@code logFrom} show: how many, boundaries skipped, lateness from the log. */
    private static void printTicks(Service service, int logFrom, JsonNode before)
            throws IOException, InterruptedException {
        final JsonNode after = service.stats();
        final long[] lateness = service.log().substring(logFrom).lines()
                .filter(line -> line.contains("\"lateness_us\""))
                .mapToLong(FloodBenchmark::lateness)
                .sorted().toArray();
        System.out.printf("  ticks %d, boundaries skipped %d; lateness median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                after.at("/ticks/run").asLong() - before.at("/ticks/run").asLong(),
                after.at("/ticks/skipped").asLong() - before.at("/ticks/skipped").asLong(),
                percentile(lateness, 0.5) / 1000.0, percentile(lateness, 0.99) / 1000.0,
                percentile(lateness, 1.0) / 1000.0);
    }

    /** One reader: ask, and ask again once answered, until {@code until}. */
    private static CompletableFuture<Void> read(HttpClient http, Service service, Map<Integer, AtomicLong> statuses,
                                                long until) {
        if (System.nanoTime() > until) {
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(service.get("/api/v1/world"), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    statuses.computeIfAbsent(failure == null ? response.statusCode() : -1, k -> new AtomicLong())
                            .incrementAndGet();
                    return null;
                })
                .thenCompose(ignored -> read(http, service, statuses, until));
    }

    private static long lateness(String logLine) {
        try {
            return JSON.readTree(logLine).get("lateness_us").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long median(List<Long> values) {
        final long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** The jar under test, on free loopback ports, pipeline disabled, JSON logs in a file. */
    private record Service(Process process, Path logFile, int port, int adminPort) implements AutoCloseable {

        static Service start(Path dir, String toml, List<String> jvm) throws IOException, InterruptedException {
            Files.createDirectories(dir.resolve("shared"));
            final int port = freePort();
            final int adminPort = freePort();
            final Path config = dir.resolve("flood.toml");
            Files.writeString(config, """
                    [server]
                    host = "127.0.0.1"
                    port = %d
                    [admin]
                    port = %d
                    [events]
                    generation_interval = 1
                    seed = 7
                    [pipeline]
                    enabled = false
                    [storage]
                    shared_dir = "%s"
                    """.formatted(port, adminPort, dir.resolve("shared")) + toml);
            final Path log = dir.resolve("service.log");
            return new Service(JarProcess.startServer(config, log, jvm), log, port, adminPort);
        }

        HttpRequest get(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(120)).build();
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        JsonNode stats() throws IOException, InterruptedException {
            return JSON.readTree(HttpClient.newHttpClient().send(get("/api/v1/events/stats"),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        /** Waits until the first file is published and the world is answered. */
        void awaitWorld() {
            final HttpClient http = HttpClient.newHttpClient();
            Awaitility.await("the world answered; see " + logFile).atMost(120, TimeUnit.SECONDS)
                    .pollInterval(100, TimeUnit.MILLISECONDS).ignoreExceptions() // not listening yet
                    .until(() -> http.send(get("/api/v1/world"), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The heap in use, from the admin port's metrics, every 100 ms on a thread of its own. */
    private static final class HeapSampler {
        private final HttpClient http;
        private final int adminPort;
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        HeapSampler(HttpClient http, int adminPort) {
            this.http = http;
            this.adminPort = adminPort;
        }

        void start() {
            thread = new Thread(() -> {
                final HttpRequest metrics =
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build();
                while (running) {
                    try {
                        final JsonNode body =
                                JSON.readTree(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body());
                        max.accumulateAndGet(body.at("/gauges/jvm.memory.heap.used/value").asLong(), Math::max);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the sampling period
                    } catch (IOException e) {
                        // a sample lost under load
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long max() {
            return max.get();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
