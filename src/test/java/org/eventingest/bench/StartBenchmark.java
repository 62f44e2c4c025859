package org.eventingest.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Start time, {@code java -jar} to {@code GET /ready} = 200, of the service and, alternately in
 * the same run, of {@link MinimalApp} (the smallest Dropwizard application), so that the ratio
 * between the two says what the machine's speed does not. The baseline is started the same way,
 * {@code java -jar}, from a small jar next to the service's whose manifest puts the service's
 * jar (the same Dropwizard) on its class path. Then the same again, each with an AppCDS archive
 * from one training run, as the container image has. {@code make bench-start}.
 *
 * <p>Arguments: {@code <event-ingest.jar> <config.toml> <runs> <test-classes dir>}.
 */
public final class StartBenchmark {

    private static final long POLL_MILLIS = 10;

    private StartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        final Path jar = Path.of(args[0]).toAbsolutePath();
        final Path config = Path.of(args[1]).toAbsolutePath();
        final int runs = Integer.parseInt(args[2]);
        final Path baseline = minimalJar(jar, Path.of(args[3]));

        System.out.println("java -jar to /ready = 200, " + runs + " alternating runs each:");
        compare(runs, List.of(), jar, config, baseline);

        // Class-data sharing, as the container image does it: one training run writes each archive.
        final Path archives = Files.createTempDirectory("event-ingest-cds");
        try {
            final Path ours = archives.resolve("event-ingest.jsa");
            final Path theirs = archives.resolve("minimal-app.jsa");
            service(freePort(), List.of("-XX:ArchiveClassesAtExit=" + ours), jar, config);
            minimal(freePort(), List.of("-XX:ArchiveClassesAtExit=" + theirs), baseline);
            System.out.println("with an AppCDS archive (-XX:SharedArchiveFile), " + runs + " runs each:");
            compare(runs, List.of("-XX:SharedArchiveFile=" + ours), jar, config, baseline,
                    List.of("-XX:SharedArchiveFile=" + theirs));
        } finally {
            delete(archives);
        }
    }

    private static void compare(int runs, List<String> flags, Path jar, Path config, Path baseline) throws Exception {
        compare(runs, flags, jar, config, baseline, flags);
    }

    private static void compare(int runs, List<String> ourFlags, Path jar, Path config, Path baseline,
                                List<String> baselineFlags) throws Exception {
        final List<Double> service = new ArrayList<>();
        final List<Double> minimal = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            minimal.add(minimal(freePort(), baselineFlags, baseline));
            service.add(service(freePort(), ourFlags, jar, config));
            System.out.printf("  run %2d: event-ingest %.2f s, minimal Dropwizard app %.2f s%n",
                    run, service.get(run - 1), minimal.get(run - 1));
        }
        final double ours = median(service);
        final double base = median(minimal);
        System.out.printf("  median: event-ingest %.2f s, minimal Dropwizard app %.2f s, ratio %.2f%n",
                ours, base, ours / base);
    }

    private static double service(int port, List<String> flags, Path jar, Path config) throws Exception {
        final Path shared = Files.createTempDirectory("event-ingest-start");
        try {
            return secondsToReady(port, Map.of("SERVER_PORT", Integer.toString(port),
                    "SHARED_DIR", shared.toString(), "PIPELINE_URL", "http://127.0.0.1:9/api/v1/pipeline"),
                    command(flags, "-jar", jar.toString(), "server", config.toString()));
        } finally {
            delete(shared);
        }
    }

    private static double minimal(int port, List<String> flags, Path baseline) throws Exception {
        return secondsToReady(port, Map.of(), command(flags,
                "-Ddw.server.applicationConnectors[0].port=" + port, "-Ddw.server.adminConnectors[0].port=0",
                "-jar", baseline.toString(), "server"));
    }

    private static List<String> command(List<String> flags, String... rest) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of(rest));
        return command;
    }

    /** {@code minimal-app.jar} beside {@code jar}: MinimalApp's classes, {@code jar} on its class path. */
    private static Path minimalJar(Path jar, Path testClasses) throws IOException {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MinimalApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, jar.getFileName().toString());
        final Path target = jar.toAbsolutePath().resolveSibling("minimal-app.jar");
        final Path classes = testClasses.resolve(MinimalApp.class.getPackageName().replace('.', '/'));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest);
             Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("MinimalApp")).toList()) {
                out.putNextEntry(new JarEntry(testClasses.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return target;
    }

    private static double secondsToReady(int port, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        final long start = System.nanoTime();
        final Process process = builder.start();
        try {
            final URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
            while (!answers200(ready)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(command + " exited with " + process.exitValue()
                            + " before /ready answered (is the admin port 8081 taken?)");
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException(command + " not ready after 60 s");
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean answers200(URI uri) {
        try {
            final HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
