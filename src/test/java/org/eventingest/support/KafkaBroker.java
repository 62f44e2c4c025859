package org.eventingest.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real single-node Kafka (KRaft: broker and controller in one) in a forked JVM on loopback, run from the jars
 * that {@code mvn} stages into {@code target/kafka-broker}. Its configuration, data and logs stay in the
 * directory it is given ({@code broker.log}; {@code broker.out} for the JVM's own output); {@link #close()}
 * stops the broker and leaves that directory for a look after a red test.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The system property (set by Surefire and Failsafe) that names the directory of the staged jars. */
    public static final String STAGED_DIR_PROPERTY = "kafka.staged.dir";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final int TAIL_LINES = 30;
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private final KafkaBrokerFiles files;
    private final Path dir;
    private final int brokerPort;
    private final Admin admin;
    private Process process;

    private KafkaBroker(Path dir, int brokerPort) {
        this.files = new KafkaBrokerFiles(dir);
        this.dir = dir;
        this.brokerPort = brokerPort;
        // No rebootstrap (Kafka 4's default): with these short back-offs and the start-up wait's calls, the client
        // re-bootstrapped thousands of times a second while the broker was down, and doubled the test's time. The
        // broker comes back on the same address, which the client keeps.
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none",
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
    }

    /**
     * Formats a new cluster in {@code dir} and starts its broker on two free loopback ports, waiting until it
     * answers; a port taken by someone else between picking and binding is retried on two new ones.
     */
    public static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        final Path stagedDir = stagedDir();
        for (int attempt = 1; ; attempt++) {
            final int[] ports = freeLoopbackPorts();
            final KafkaBroker broker = new KafkaBroker(dir, ports[0]);
            try {
                broker.files.write(ports[0], ports[1]);
                broker.format(stagedDir);
                broker.launch(stagedDir);
                return broker;
            } catch (IOException | RuntimeException e) {
                broker.close();
                if (attempt == START_ATTEMPTS || !broker.files.portTaken()) {
                    throw e;
                }
                broker.files.reset(); // the controller's port is in the formatted voter set: format again
            }
        }
    }

    /** The jars staged by {@code mvn} (maven-antrun-plugin): the broker's, and Kafka's tools. */
    public static Path stagedDir() {
        final String hint = ": run the tests through mvn (without -DskipTests), which stages the broker's jars";
        final String property = System.getProperty(STAGED_DIR_PROPERTY);
        if (property == null) {
            throw new IllegalStateException("system property " + STAGED_DIR_PROPERTY + " is not set" + hint);
        }
        final Path staged = Path.of(property);
        try (Stream<Path> jars = Files.list(staged)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw new IllegalStateException("no Kafka broker jar in " + staged + hint);
            }
        } catch (IOException e) {
            throw new IllegalStateException(staged + " cannot be listed (" + e + ")" + hint, e);
        }
        return staged;
    }

    public String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    /** An admin client of this broker, closed with it; it reconnects across {@link #restart()}. */
    public Admin admin() {
        return admin;
    }

    /**
     * Settings for a read_committed consumer of byte arrays in {@code group}: from the earliest offset, no
     * automatic commits. A new map: add to it.
     */
    public Map<String, Object> consumerConfig(String group) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** Creates a topic (replication factor 1) and waits until each of its partitions has a leader. */
    public void createTopic(String name, int partitions) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("topic " + name + " not created: " + e, e);
        }
        Awaitility.await("topic " + name + " with a leader on each of " + partitions + " partitions")
                .atMost(ADMIN_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> {
                    final TopicDescription topic = admin.describeTopics(Set.of(name)).allTopicNames()
                            .get(5, TimeUnit.SECONDS).get(name);
                    return topic.partitions().size() == partitions
                            && topic.partitions().stream().allMatch(partition -> partition.leader() != null);
                });
    }

    /**
     * Waits until no transaction on the topic is still open or undecided, and returns each partition's end
     * offset. On every partition the last stable offset (where read_committed consumers stop) has then reached
     * the high watermark: a commit's or an abort's markers are written after commitTransaction() or
     * abortTransaction() has returned, and a read to the last stable offset before that misses the commit.
     */
    public Map<TopicPartition, Long> awaitSettled(String topic) {
        final AtomicReference<Map<TopicPartition, Long>> ends = new AtomicReference<>();
        Awaitility.await("no open transaction on " + topic).atMost(ADMIN_TIMEOUT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                    final Map<TopicPartition, Long> stable = endOffsets(topic, IsolationLevel.READ_COMMITTED);
                    ends.set(stable);
                    return stable.equals(endOffsets(topic, IsolationLevel.READ_UNCOMMITTED));
                });
        return ends.get();
    }

    /** Stops the broker with SIGTERM (a controlled shutdown), and with SIGKILL if it still runs 20 s later. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
    }

    /** Ends the broker at once with SIGKILL, as a crash would. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("broker " + process.pid() + " still runs after SIGKILL");
            }
        }
    }

    /** Stops the broker if it runs and starts it again on the same ports and data, waiting until it answers. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch(stagedDir());
    }

    /** The ends of the broker's logs, for failure messages. */
    public String logTail() {
        return files.tail(TAIL_LINES);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            admin.close(Duration.ofSeconds(5));
        } finally {
            stop();
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo partition : admin.describeTopics(Set.of(topic)).allTopicNames()
                .get(5, TimeUnit.SECONDS).get(topic).partitions()) {
            latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
        }
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(5, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** {@code kafka-storage.sh format --standalone}: a new cluster whose one controller is this node. */
    private void format(Path stagedDir) throws IOException, InterruptedException {
        final Process format = jvm(stagedDir, "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", files.serverProperties().toString(), "--standalone")
                .redirectOutput(files.formatOutput().toFile()).start();
        if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            format.destroyForcibly();
            throw new IllegalStateException("storage format still runs after " + FORMAT_TIMEOUT);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("storage format exited " + format.exitValue() + ":\n" + logTail());
        }
    }

    private void launch(Path stagedDir) throws IOException {
        process = jvm(stagedDir, "kafka.Kafka", files.serverProperties().toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.brokerOutput().toFile())).start();
        try {
            Awaitility.await().atMost(READY_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || answers());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("broker not ready after " + READY_TIMEOUT + ":\n" + logTail(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("broker exited " + process.exitValue() + ":\n" + logTail());
        }
    }

    private boolean answers() throws InterruptedException {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                    .get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    private ProcessBuilder jvm(Path stagedDir, String mainClass, String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + files.log4jConfig());
        command.add("-cp");
        command.add(stagedDir.toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    }

    /** Two ports free on 127.0.0.1 just now (held together, so they differ). */
    private static int[] freeLoopbackPorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }
}
