package org.eventingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What a {@link KafkaBroker} keeps in its directory: its configuration, its data and its logs. */
final class KafkaBrokerFiles {

    /** The storage format's output, the broker's log (Log4j 2) and its JVM's own stdout and stderr. */
    private static final List<String> LOGS = List.of("format.out", "broker.log", "broker.out");

    private final Path dir;

    KafkaBrokerFiles(Path dir) {
        this.dir = dir;
    }

    Path serverProperties() {
        return dir.resolve("server.properties");
    }

    Path log4jConfig() {
        return dir.resolve("log4j2.properties");
    }

    Path formatOutput() {
        return dir.resolve("format.out");
    }

    Path brokerOutput() {
        return dir.resolve("broker.out");
    }

    /** A broker and controller in one (KRaft) on 127.0.0.1, every internal topic on one partition and replica. */
    void write(int brokerPort, int controllerPort) throws IOException {
        final String controller = "127.0.0.1:" + controllerPort;
        final String listeners = "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://" + controller;
        Files.createDirectories(dir);
        Files.writeString(serverProperties(), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=" + listeners,
                "advertised.listeners=" + listeners,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // a timed-out transaction is aborted within a second of its timeout, not a minute
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
                // room for any transaction.timeout.ms a test picks (the default allows 15 minutes);
                // transactional.id.expiration.ms stays at its default (7 days)
                "transaction.max.timeout.ms=3600000",
                // after a kill the restarted broker cannot register until the old session has timed out
                // (9 s by default)
                "broker.session.timeout.ms=4000",
                "broker.heartbeat.interval.ms=500",
                "log.segment.bytes=16777216",
                // the log cleaner allocates this at start-up (128 MiB by default): too much for -Xmx256m
                "log.cleaner.dedupe.buffer.size=4194304",
                ""));
        Files.writeString(log4jConfig(), String.join("\n",
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + dir.resolve("broker.log"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                ""));
    }

    /** Drops the data and the logs, for a new cluster in the same directory. */
    void reset() throws IOException {
        final Path data = dataDir();
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (String log : LOGS) {
            Files.deleteIfExists(dir.resolve(log));
        }
    }

    /** Whether a log says that a port was taken. */
    boolean portTaken() {
        return logs().stream().anyMatch(line -> line.contains("Address already in use"));
    }

    /** The last {@code count} lines of each log there is, for failure messages. */
    String tail(int count) {
        final StringBuilder tail = new StringBuilder();
        for (String name : LOGS) {
            final List<String> lines = lines(dir.resolve(name));
            if (!lines.isEmpty()) {
                tail.append("--- ").append(dir.resolve(name)).append('\n');
                lines.subList(Math.max(0, lines.size() - count), lines.size())
                        .forEach(line -> tail.append(line).append('\n'));
            }
        }
        return tail.toString();
    }

    private List<String> logs() {
        final List<String> all = new ArrayList<>();
        LOGS.forEach(name -> all.addAll(lines(dir.resolve(name))));
        return all;
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
