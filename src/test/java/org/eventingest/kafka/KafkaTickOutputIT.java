package org.eventingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eventingest.config.StartupError;
import org.eventingest.core.Event;
import org.eventingest.core.Tick;
import org.eventingest.support.TopicTicks;
import org.eventingest.tick.TickOutput;
import org.junit.jupiter.api.Test;

/**
 * The Kafka output in process against a real broker: what {@link KafkaTickOutput#committed} says of a tick when
 * other instances share its truth partition (a truth topic with fewer partitions than world partitions), and a
 * commit whose outcome the producer cannot report.
 */
class KafkaTickOutputIT extends BrokerPerClass {

    private static final Instant TICK = Instant.parse("2026-03-01T12:00:00Z");

    private static KafkaConfig config(String topic, int worldPartition) {
        return config(topic, worldPartition, Duration.ofSeconds(5));
    }

    private static KafkaConfig config(String topic, int worldPartition, Duration timeout) {
        return new KafkaConfig(broker.bootstrap(), topic, topic + ".truth", "event-ingest-" + topic + "-"
                + worldPartition, 1, worldPartition, timeout, Duration.ofSeconds(20), Map.of());
    }

    private static KafkaProducer<byte[], byte[]> otherInstance(KafkaConfig other) {
        final Map<String, Object> properties = new HashMap<>(other.producerProperties());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(properties);
    }

    /** Leaves a transaction of {@code other} open on truth partition 0, with one record in it. */
    private static void openTruthTransaction(KafkaProducer<byte[], byte[]> producer, KafkaConfig other)
            throws Exception {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(other.truthTopic(), 0, other.transactionalId().getBytes(
                StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8))).get();
    }

    @Test
    void aTickCommittedBehindAnotherInstancesOpenTransactionIsCommitted() throws Exception {
        broker.createTopic("shared", 1);
        broker.createTopic("shared.truth", 1);
        // World partition 1 shares truth partition 0 with world partition 0, whose transaction stays open.
        final KafkaConfig other = config("shared", 0);
        try (KafkaProducer<byte[], byte[]> open = otherInstance(other);
             KafkaTickOutput output = new KafkaTickOutput(config("shared", 1), Optional::empty,
                     new MetricRegistry())) {
            output.start();
            openTruthTransaction(open, other);
            final Tick tick = new Tick(TICK, Duration.ofSeconds(1), 1, new SplittableRandom(1));
            output.publish(tick, List.of(Event.raw("{\"shop_id\":1}", 1)).iterator(),
                    () -> "{\"lines\":1}\n".getBytes(StandardCharsets.UTF_8));

            // The tick is committed (its commit returned); asked whether it was, the output must not say no.
            final Optional<Set<String>> committed = output.committed(new TreeSet<>(List.of(tick.prefix())));
            assertThat(committed.orElse(Set.of(tick.prefix()))).containsExactly(tick.prefix());
            open.abortTransaction();
            assertThat(output.committed(new TreeSet<>(List.of(tick.prefix())))).contains(Set.of(tick.prefix()));
        }
    }

    @Test
    void aStartBehindAnotherInstancesOpenTransactionIsNotReadyAndSaysWhyNotThatTheBrokerIsAway() throws Exception {
        broker.createTopic("undecided", 1);
        broker.createTopic("undecided.truth", 1);
        final KafkaConfig other = config("undecided", 0);
        try (KafkaProducer<byte[], byte[]> open = otherInstance(other);
             KafkaTickOutput output = new KafkaTickOutput(config("undecided", 1, Duration.ofSeconds(3)),
                     Optional::empty, new MetricRegistry())) {
            openTruthTransaction(open, other);
            output.start();
            assertThat(output.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("cannot tell yet which ticks of event-ingest-undecided-1 were committed")
                    .contains("undecided.truth-0").doesNotContain("not reachable"));
            open.abortTransaction();
            assertThat(output.unready()).isEmpty();
        }
    }

    @Test
    void aSecondInstanceWithTheSameTransactionalIdFencesTheFirstForGood() throws Exception {
        broker.createTopic("fenced", 1);
        broker.createTopic("fenced.truth", 1);
        final Tick first = new Tick(TICK, Duration.ofSeconds(1), 1, new SplittableRandom(1));
        final Tick second = new Tick(TICK.plusSeconds(1), Duration.ofSeconds(1), 1, new SplittableRandom(2));
        final Tick third = new Tick(TICK.plusSeconds(2), Duration.ofSeconds(1), 1, new SplittableRandom(3));
        // Both know the first tick (the state a process would have logged, as far as the start guard looks).
        try (KafkaTickOutput zombie = new KafkaTickOutput(config("fenced", 0), () -> Optional.of(first.prefix()),
                new MetricRegistry())) {
            zombie.start();
            zombie.publish(first, oneLine(), () -> "{}\n".getBytes(StandardCharsets.UTF_8));
            // A second process of the same world partition (a pod rescheduled while the old one still runs).
            try (KafkaTickOutput successor = new KafkaTickOutput(config("fenced", 0), () -> Optional.of(first.prefix()),
                    new MetricRegistry())) {
                successor.start();
                assertThatThrownBy(() -> zombie.publish(second, oneLine(),
                        () -> "{}\n".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
                // For good: reconnecting would fence the successor in turn, and the two would take turns.
                for (int i = 0; i < 2; i++) {
                    assertThat(zombie.unready()).hasValueSatisfying(problem ->
                            assertThat(problem).contains("fenced this one"));
                }
                successor.publish(third, oneLine(), () -> "{}\n".getBytes(StandardCharsets.UTF_8));
                assertThat(successor.unready()).isEmpty();
                assertThat(successor.committed(new TreeSet<>(List.of(first.prefix(), second.prefix(),
                        third.prefix())))).contains(Set.of(first.prefix(), third.prefix()));
            }
        }
        assertThat(TopicTicks.read(broker, "fenced").keySet()).containsExactly("0/" + first.prefix(),
                "0/" + third.prefix());
    }

    private static Iterator<Event> oneLine() {
        return List.of(Event.raw("{\"shop_id\":1}", 1)).iterator();
    }

    @Test
    void aStartIsRefusedWhenATopicIsMissingOrHasAPartitionTooFewForTheShards() throws Exception {
        final KafkaConfig missing = config("absent", 0);
        try (KafkaTickOutput output = new KafkaTickOutput(missing, Optional::empty, new MetricRegistry())) {
            assertThatThrownBy(output::start).isInstanceOf(StartupError.class)
                    .hasMessageContaining("the topics absent and absent.truth must exist");
        }
        broker.createTopic("narrow", 2);
        broker.createTopic("narrow.truth", 1);
        final KafkaConfig threeShards = new KafkaConfig(broker.bootstrap(), "narrow", "narrow.truth",
                "event-ingest-narrow-0", 3, 0, Duration.ofSeconds(5), Duration.ofSeconds(20), Map.of());
        try (KafkaTickOutput output = new KafkaTickOutput(threeShards, Optional::empty, new MetricRegistry())) {
            assertThatThrownBy(output::start).isInstanceOf(StartupError.class)
                    .hasMessageContaining("the topic narrow has 2 partitions, fewer than pipeline.shards_count 3");
        }
    }

    @Test
    void aCommitInterruptedWhileItIsOnItsWayIsInDoubtNotAbandoned() throws Exception {
        broker.createTopic("interrupted", 1);
        broker.createTopic("interrupted.truth", 1);
        final Tick second = new Tick(TICK.plusSeconds(1), Duration.ofSeconds(1), 1, new SplittableRandom(2));
        // The state knows of both ticks: the first applied, the second logged and in doubt.
        try (KafkaTickOutput output = new KafkaTickOutput(config("interrupted", 0), () -> Optional.of(second.prefix()),
                new MetricRegistry())) {
            output.start();
            output.publish(new Tick(TICK, Duration.ofSeconds(1), 1, new SplittableRandom(1)),
                    List.of(Event.raw("{\"shop_id\":1}", 1)).iterator(), () -> "{}\n".getBytes(StandardCharsets.UTF_8));
            // A stop that gave up waiting for the tick interrupts it (TickLoop.stop): here just before the commit,
            // which the producer then sends but cannot wait for. Abandoning the tick would undo a commit that
            // may well happen.
            assertThatThrownBy(() -> output.publish(second, List.of(Event.raw("{\"shop_id\":1}", 1)).iterator(), () -> {
                Thread.currentThread().interrupt();
                return "{}\n".getBytes(StandardCharsets.UTF_8);
            })).isInstanceOf(TickOutput.InDoubtException.class);
            assertThat(Thread.interrupted()).isTrue();
            assertThat(output.committed(new TreeSet<>(List.of(second.prefix()))))
                    .as("%s", output.problem()).isPresent();
        }
    }

    @Test
    void aTickStopsAtItsFirstFailedSendInsteadOfWaitingOutEachOfItsLines() throws Exception {
        broker.createTopic("unreachable", 1);
        broker.createTopic("unreachable.truth", 1);
        final int lines = 30;
        final AtomicInteger taken = new AtomicInteger();
        final Iterator<Event> events = Stream.generate(() -> Event.raw("{\"shop_id\":1}", 1)).limit(lines)
                .peek(event -> taken.incrementAndGet()).iterator();
        final MetricRegistry metrics = new MetricRegistry();
        try (KafkaTickOutput output = new KafkaTickOutput(config("unreachable", 0, Duration.ofSeconds(3)),
                Optional::empty, metrics)) {
            output.start();
            assertThat(output.unready()).isEmpty();
            // The producer has not yet asked for the topic's partitions, so each send would wait kafka.timeout for
            // them (it reports that through its callback, not by throwing): a tick of K lines would take K timeouts.
            broker.stop();
            try {
                final Tick tick = new Tick(TICK, Duration.ofSeconds(1), 1, new SplittableRandom(1));
                assertThatThrownBy(() -> output.publish(tick, events, () -> "{}\n".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(IOException.class).isNotInstanceOf(TickOutput.InDoubtException.class);
                assertThat(taken.get()).as("lines generated and sent before the tick gave up").isLessThan(3);
                assertThat(metrics.counter("kafka.transactions.aborted").getCount()).isEqualTo(1);
                // Not ready until a new producer connects: each tick tries, and is skipped while it cannot.
                assertThat(output.problem()).hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("Kafka at " + broker.bootstrap() + " did not answer during tick " + tick.prefix()));
                assertThat(output.unready()).hasValueSatisfying(problem -> assertThat(problem)
                        .contains("is not reachable"));
            } finally {
                broker.restart();
            }
        }
    }
}
