package org.eventingest.kafka;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eventingest.config.StartupError;
import org.eventingest.core.CrashPoint;
import org.eventingest.core.Event;
import org.eventingest.core.Tick;
import org.eventingest.tick.Published;
import org.eventingest.tick.TickOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka output: one tick is one transaction of a transactional, idempotent producer ({@code acks=all}). Each line
 * is a record of {@code kafka.topic} (value: the line's bytes without its newline; key: its {@code shop_id};
 * partition: {@code shop_id % shards_count}; headers {@code tick}, {@code line}, {@code world_partition}); the tick's
 * truth record goes to this instance's partition of the truth topic in the same transaction, after the world's log
 * record is durable. The commit is the commit point: a {@code read_committed} consumer sees a tick whole or not at all.
 *
 * <p>Before the first tick, and after a failure that leaves the producer unusable or the broker silent, it connects:
 * a new producer, whose {@code initTransactions} fences an earlier instance with the same transactional id and
 * finishes its open transaction; then the topics are checked, and the truth topic is read back to refuse a state
 * older than the topic. A failure before the commit, from the first send that reports one, aborts the tick; a commit
 * whose outcome is unknown puts the tick in doubt, and {@link #committed} decides it from the truth topic. Being
 * fenced is fatal.
 */
public final class KafkaTickOutput implements TickOutput, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTickOutput.class);
    public static final String TICK_HEADER = "tick";
    public static final String LINE_HEADER = "line";
    public static final String WORLD_PARTITION_HEADER = "world_partition";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final KafkaConfig config;
    private final Supplier<Optional<String>> newestLogged;
    private final byte[] worldPartition;
    private final byte[] truthKey;
    private final KafkaMetrics metrics;
    private final AtomicReference<String> problem = new AtomicReference<>("not connected yet");

    private KafkaProducer<byte[], byte[]> producer;
    private TruthTopic truth;
    private String fatal;
    private boolean unusable;
    private final RecordValues values = new RecordValues();

    /**
     * @param newestLogged the newest tick the state knows of (applied or in doubt): the truth topic
     *                     must hold none of this instance's newer than that
     */
    public KafkaTickOutput(KafkaConfig config, Supplier<Optional<String>> newestLogged, MetricRegistry metrics) {
        this.config = config;
        this.newestLogged = newestLogged;
        this.worldPartition = Integer.toString(config.worldPartition()).getBytes(StandardCharsets.US_ASCII);
        this.truthKey = config.transactionalId().getBytes(StandardCharsets.UTF_8);
        this.metrics = new KafkaMetrics(metrics);
    }

    /** Why the next tick cannot be committed now, if so (for {@code /ready} and the health check). */
    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }

    @Override
    public Optional<String> unready() {
        if (fatal != null) {
            return Optional.of(fatal);
        }
        if (producer == null) {
            connect();
        }
        return problem();
    }

    /**
     * Connects at start: an unreachable broker leaves the service running and not ready, while a
     * fault of the topics or of the state stops it.
     *
     * @throws StartupError naming the fault, if the topics or the state are wrong
     */
    public void start() {
        final Optional<String> why = connect();
        if (why.isPresent() && (fatal != null || unusable)) {
            throw new StartupError(why.get());
        }
        why.ifPresent(reason -> LOG.warn("{}; not ready until it is (each tick tries again)", reason));
    }

    /** Connects now; the problem, if it could not. A fault of the state, or fencing, is fatal. */
    Optional<String> connect() {
        unusable = false;
        if (fatal != null) {
            return Optional.of(fatal);
        }
        try {
            final int truthPartitions = KafkaTopics.check(config);
            truth = new TruthTopic(config.clientProperties(), config.truthPartition(truthPartitions),
                    config.transactionalId(), config.timeout());
            producer = new KafkaProducer<>(config.producerProperties());
            producer.initTransactions();
            HangingTransactions.check(config, truth.partition());
            final Optional<String> onTopic = truth.newest();
            final Optional<String> logged = newestLogged.get();
            if (onTopic.isPresent() && (logged.isEmpty() || onTopic.get().compareTo(logged.get()) > 0)) {
                fatal = truth.newerThanTheState(onTopic.get(), logged);
                closeProducer();
                problem.set(fatal);
                return Optional.of(fatal);
            }
            problem.set(null);
            LOG.info("Kafka output ready: topic {}, truth {}, transactional id {}; last tick on the topic {}",
                    config.topic(), truth.partition(), config.transactionalId(), onTopic.orElse("none"));
            return Optional.empty();
        } catch (KafkaTopics.Unusable e) {
            closeProducer();
            unusable = true;
            problem.set(e.getMessage());
        } catch (AuthenticationException | AuthorizationException e) {
            closeProducer();
            problem.set("Kafka refused " + config.transactionalId() + ": " + e.getMessage());
        } catch (KafkaException e) {
            closeProducer();
            problem.set(e instanceof HangingTransactions.Found ? e.getMessage() : (e instanceof TruthTopic.Undecided
                    ? "cannot tell yet which ticks of " + config.transactionalId() + " were committed: "
                    : "Kafka at " + config.bootstrapServers() + " is not reachable: ") + e.getMessage());
        }
        metrics.connectFailures().inc();
        return problem();
    }

    @Override
    public Published publish(Tick tick, Iterator<Event> lines, BeforeCommit beforeCommit) throws IOException {
        if (producer == null) {
            throw new IOException(problem().orElse("not connected"));
        }
        final String prefix = tick.prefix();
        final byte[] tickHeader = prefix.getBytes(StandardCharsets.US_ASCII);
        final SendErrors errors = new SendErrors();
        long count = 0;
        long size = 0;
        try {
            producer.beginTransaction();
            while (lines.hasNext()) {
                final Event event = lines.next();
                count++;
                final byte[] value = values.of(event);
                size += value.length + 1;
                producer.send(RecordValues.event(config, value, event.shopId(), tickHeader, count, worldPartition),
                        errors);
                // A send that fails before the record is queued (no metadata within kafka.timeout, as when the broker
                // is gone) reports through the callback, not by throwing: stop at the first, not at every line.
                errors.throwIfAny();
                if (count == 1) {
                    CrashPoint.reach("kafka-first-sent");
                }
            }
            producer.flush();
            errors.throwIfAny();
            producer.send(RecordValues.truth(truth.partition(), truthKey, beforeCommit.run(), tickHeader,
                    worldPartition), errors);
            CrashPoint.reach("kafka-truth-sent");
        } catch (IOException | RuntimeException e) {
            abort(prefix, e);
            throw e instanceof IOException io ? io : new IOException("tick aborted: " + e.getMessage(), e);
        }
        commit(prefix);
        metrics.records().mark(count);
        metrics.bytes().mark(size);
        return new Published(prefix, config.topic() + ":" + prefix, size, count);
    }

    private void commit(String prefix) throws IOException {
        final Timer.Context timing = metrics.commit().time();
        try {
            producer.commitTransaction();
            CrashPoint.reach("kafka-committed");
        } catch (ProducerFencedException e) {
            fenced(e);
            throw new InDoubtException("commit of " + prefix + " fenced", e);
        } catch (TimeoutException | InterruptException e) {
            // Sent, not waited for: it may happen still, and no abort can undo it now (the producer refuses one).
            closeProducer();
            problem.set("the commit of tick " + prefix + " was not answered: " + e.getMessage());
            throw new InDoubtException("the commit of " + prefix + " was not answered (" + e + ")", e);
        } catch (KafkaException e) {
            // Refused before it happened (a record failed): an abort that succeeds makes that certain.
            if (abort(prefix, e)) {
                throw new IOException("tick aborted at commit: " + e.getMessage(), e);
            }
            throw new InDoubtException("the commit of " + prefix + " failed: " + e.getMessage(), e);
        } finally {
            timing.stop();
        }
        metrics.committed().inc();
    }

    /**
     * Aborts the open transaction, and drops the producer: the next tick connects anew (and fences, and looks for
     * transactions left open), and is skipped while it cannot. Fencing is fatal, whether
     * the tick's failure or the abort tells it (a fenced producer's send may fail as merely abortable first).
     */
    private boolean abort(String prefix, Exception cause) {
        metrics.aborted().inc();
        final ProducerFencedException fencedBy = SendErrors.causeOf(cause, ProducerFencedException.class);
        if (fencedBy != null) {
            fenced(fencedBy);
            return false;
        }
        try {
            producer.abortTransaction();
            // The next tick connects anew: its connect finds what the failure may have left open on a partition.
            closeProducer();
            final TimeoutException timedOut = SendErrors.causeOf(cause, TimeoutException.class);
            problem.set(timedOut != null ? "Kafka at " + config.bootstrapServers() + " did not answer during tick "
                    + prefix + ": " + timedOut.getMessage() : "tick " + prefix + " was aborted: " + cause.getMessage());
            return true;
        } catch (ProducerFencedException e) {
            fenced(e);
            return false;
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn("tick {}: the abort failed too ({}); the producer is replaced", prefix, e.toString());
            closeProducer();
            problem.set("Kafka failed during tick " + prefix + ": " + cause.getMessage());
            return false;
        }
    }

    private void fenced(ProducerFencedException e) {
        fatal = "another producer with transactional.id " + config.transactionalId()
                + " fenced this one (two instances with this id: one world partition twice, or one explicit"
                + " kafka.transactional_id for several; or a tick longer than kafka.transaction_timeout, which the"
                + " broker aborted): " + e.getMessage()
                + "; restart this instance once only one runs";
        problem.set(fatal);
        closeProducer();
    }

    @Override
    public Optional<Set<String>> committed(SortedSet<String> prefixes) {
        if (producer == null && unready().isPresent()) {
            return Optional.empty();
        }
        try {
            final SortedSet<String> found = new TreeSet<>(truth.ticksBackTo(prefixes.first()));
            found.retainAll(prefixes);
            return Optional.of(Set.copyOf(found));
        } catch (KafkaException e) {
            problem.set((e instanceof TruthTopic.Undecided ? "cannot tell yet whether " + prefixes + " were committed"
                    : "cannot read the truth topic " + truth.partition()) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (KafkaException e) {
                LOG.debug("closing the producer", e);
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        // After the tick loop: no transaction is open unless a stop gave up on a tick (then the broker aborts it, or
        // the next start fences it). One second keeps the stop within shutdown_grace_period.
        final KafkaProducer<byte[], byte[]> last = producer;
        producer = null;
        if (last != null) {
            last.close(CLOSE_TIMEOUT);
        }
    }
}
