package org.eventingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the packaged jar (built by {@code mvn package}, before Failsafe) as a separate process. */
public final class JarProcess {

    /** What a finished process said. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private JarProcess() {
    }

    /** The prefixes of the files published into {@code eventsDir}, in order; none before the service starts. */
    public static List<String> publishedPrefixes(Path eventsDir) {
        if (!Files.isDirectory(eventsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(eventsDir)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("."))
                    .map(name -> name.substring(0, 14)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jar() {
        return Path.of(System.getProperty("app.jar", "target/event-ingest.jar"));
    }

    /** A loopback port free now (the service binds it a moment later; a clash fails that start loudly). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A loopback port that refuses connections, held so that no other process (another IT's fork) can listen on it
     * until the socket is closed: bound, never listening, without {@code SO_REUSEADDR}.
     */
    public static Socket refusingPort() throws IOException {
        final Socket held = new Socket();
        held.setReuseAddress(false);
        held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return held;
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "."));
    }

    /**
     * Starts {@code java -jar app.jar server config} with stdout and stderr in {@code log}, without
     * the environment overrides this JVM may have.
     */
    public static Process startServer(Path config, Path log) throws IOException {
        return startServer(config, log, List.of());
    }

    /** As {@link #startServer(Path, Path)}, as {@code java [jvmOptions] -jar app.jar server config}. */
    public static Process startServer(Path config, Path log, List<String> jvmOptions) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString(), "server", config.toString()));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile())
                .redirectErrorStream(true);
        withoutOverrides(builder);
        return builder.start();
    }

    private static void withoutOverrides(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(key -> key.equals("SERVER_PORT") || key.startsWith("PIPELINE_")
                || key.equals("SHARED_DIR"));
    }

    /** {@code java [jvmOptions] -jar app.jar args…}, waited for up to two minutes. */
    public static Result run(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        final Path out = Files.createTempFile(workDir, "stdout", ".log");
        final Path err = Files.createTempFile(workDir, "stderr", ".log");
        final ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        withoutOverrides(builder);
        builder.environment().putAll(env);
        final Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
