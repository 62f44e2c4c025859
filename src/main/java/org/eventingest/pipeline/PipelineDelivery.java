package org.eventingest.pipeline;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.eventingest.pipeline.DeliveryMetrics.Call;
import org.eventingest.pipeline.DeliveryMetrics.Outcome;
import org.eventingest.tick.ClockSleeper;
import org.eventingest.tick.Published;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.eventingest.config.StopBudget;

/**
 * Announces every published file to pipeline-apid, at least once and in name order: register,
 * then done once register was acknowledged; a done that updated no rows means pipeline-apid lost
 * the file, so it is registered again. Runs on its own thread: the generator only hands over the
 * file name and never waits.
 *
 * <p>Calls that may succeed later (no answer, 5xx, 408, 429, a body that is not the contract's) are
 * retried with capped exponential backoff and full jitter, holding back the files behind; other
 * answers park the file (logged, counted) until a restart or the {@code requeue-parked} task. While
 * pipeline-apid is unavailable the log says so once, then sums up every minute, then says when it
 * is back.
 */
public final class PipelineDelivery implements Managed, Consumer<Published> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineDelivery.class);

    /**
     * How many not-yet-done names the queue holds in memory. It bounds the memory a long outage
     * costs (some 100 bytes a name), while the directory is read again only once the window has run
     * dry: at one file a tick, once every 10,000 ticks of backlog.
     */
    private static final int WINDOW_CAPACITY = 10_000;

    /**
     * How often {@link #stop()} looks whether the backlog has drained: soon after the last done, at
     * the cost of two reads under the queue's lock (one copies the parked map, which stays small).
     */
    private static final Duration DRAIN_POLL = Duration.ofMillis(10);

    /**
     * How long {@link #stop()} waits for the stopped sender to end before interrupting it: its call
     * in flight is aborted, but a journal write or a directory read on a hung disk is not. The
     * sender's stop in {@link StopBudget}, so that the whole stop fits in the grace period.
     */
    private static final Duration SENDER_END_TIMEOUT = StopBudget.SENDER_STOP;

    /** The file cannot be announced now: parked. */
    private static final class Parked extends Exception {
        private static final long serialVersionUID = 1L;

        Parked(String message) {
            super(message, null, false, false);
        }
    }

    /** The service is stopping. */
    private static final class Stopping extends Exception {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super(null, null, false, false);
        }
    }

    /** The sender's waits (tests move their clock while it waits). */
    ClockSleeper sleeper() {
        return sleeper;
    }

    private final PipelineClient client;
    private final DeliveryQueue queue;
    private final ExecutorService executor;
    private final ClockSleeper sleeper;
    private final Clock clock;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Duration drainTimeout;

    private final DeliveryMetrics counters;

    private volatile Future<?> sender;
    private volatile String lastError;
    private volatile String senderProblem;
    private final OutageLog outages;

    public PipelineDelivery(PipelineClient client, DeliveryJournal journal, Path eventsDir,
                            ExecutorService executor, Clock clock, Backoff backoff, RandomGenerator random,
                            Duration drainTimeout, MetricRegistry metrics) {
        this.client = client;
        this.queue = new DeliveryQueue(journal, eventsDir, WINDOW_CAPACITY);
        this.outages = new OutageLog(clock, queue);
        this.executor = executor;
        this.clock = clock;
        this.sleeper = new ClockSleeper(clock);
        this.backoff = backoff;
        this.random = random;
        this.drainTimeout = drainTimeout;
        this.counters = new DeliveryMetrics(metrics, queue, clock);
    }

    @Override
    public void accept(Published file) {
        queue.published(file.prefix());
        sleeper.wake();
    }

    /** Rebuilds the backlog from the journal and the directory, then starts sending. */
    @Override
    public void start() {
        queue.reconcile();
        final long backlog = queue.backlog();
        if (backlog > 0) {
            LOG.info("{} event files not yet announced to pipeline-apid, oldest {}", backlog,
                    queue.oldest().orElse("?"));
        }
        sleeper.reset();
        sender = executor.submit(this::send);
    }

    /**
     * Gives the backlog up to the drain timeout, then stops; what is left is announced after the
     * next start.
     */
    @Override
    public void stop() throws InterruptedException {
        final long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (queue.backlog() > queue.parked().size() && System.nanoTime() < deadline && isAlive()) {
            TimeUnit.MILLISECONDS.sleep(DRAIN_POLL.toMillis());
        }
        sleeper.stop();
        client.abortInFlight();
        final Future<?> future = sender;
        if (future != null) {
            try {
                future.get(SENDER_END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                LOG.error("pipeline sender had died", e.getCause());
            } catch (TimeoutException e) {
                future.cancel(true);
            }
        }
        if (queue.backlog() > 0) {
            LOG.warn("stopping with {} event files not announced to pipeline-apid (oldest {}); they are announced after"
                    + " the next start", queue.backlog(), queue.oldest().orElse("?"));
        }
    }

    /**
     * The sender, supervised: anything it throws (a bug, an {@link OutOfMemoryError}) is logged at
     * once, reported by {@link #status()}, and the sender starts again after a backoff.
     */
    private void send() {
        int failures = 0;
        while (!sleeper.isStopped()) {
            try {
                sendUntilStopped();
                return;
            } catch (Stopping | InterruptedException e) {
                return; // stop() asked
            } catch (Throwable t) {
                final Duration wait = backoff.delay(++failures, random);
                senderProblem = "the pipeline sender failed (" + t + "); restarting it in " + wait.toMillis() + " ms";
                LOG.error("{}", senderProblem, t);
                try {
                    sleeper.awaitDeadline(clock.instant().plus(wait)); // a new file does not cut the backoff short
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void sendUntilStopped() throws Stopping, InterruptedException {
        while (!sleeper.isStopped()) {
            final Optional<String> head = queue.head();
            if (head.isEmpty()) {
                senderProblem = null;
                sleeper.awaitUntil(clock.instant().plus(OutageLog.SUMMARY_EVERY));
                continue;
            }
            announce(head.get());
            senderProblem = null;
        }
    }

    /**
     * Why the sender is not running now (it failed and waits to start again), if it is not. Also in
     * {@link #status()}; this one takes no lock, for {@code /health}.
     */
    public Optional<String> senderProblem() {
        return Optional.ofNullable(senderProblem);
    }

    /** Register (unless acknowledged before), then done; again from register if pipeline-apid lost the rows. */
    void announce(String prefix) throws Stopping, InterruptedException {
        try {
            while (true) {
                if (!queue.isRegistered(prefix)) {
                    callWithRetry(Call.REGISTER, () -> client.register(prefix));
                    queue.registered(prefix);
                }
                final PipelineClient.Done done = callWithRetry(Call.DONE, () -> client.done(prefix));
                if (done.updatedRows() > 0) {
                    queue.done(prefix);
                    return;
                }
                counters.lostRows();
                LOG.warn("done of {} updated no rows: pipeline-apid does not know the file; registering it again",
                        prefix);
                queue.unregistered(prefix);
            }
        } catch (Parked e) {
            queue.park(prefix, e.getMessage());
            counters.parked();
            LOG.warn("parked {}: {}; it is retried after a restart or the requeue-parked task", prefix, e.getMessage());
        }
    }

    /** One pipeline-apid call, as {@link PipelineClient} makes it. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws PipelineException;
    }

    /**
     * Makes {@code attempt} until it gets the contract's answer: retriable failures wait out the
     * backoff (a new file does not cut it short), others park the file.
     */
    private <T> T callWithRetry(Call call, Attempt<T> attempt) throws Parked, Stopping, InterruptedException {
        int retry = 0;
        while (true) {
            if (sleeper.isStopped()) {
                throw new Stopping();
            }
            try {
                final T answer = attempt.run();
                counters.call(call, Outcome.OK);
                outages.recovered();
                return answer;
            } catch (PipelineException e) {
                lastError = e.getMessage();
                if (sleeper.isStopped()) {
                    throw new Stopping();
                }
                if (!e.retriable()) {
                    counters.call(call, Outcome.REJECTED);
                    throw new Parked(e.getMessage());
                }
                counters.call(call, Outcome.FAILED);
                outages.failed(e);
                retry++;
                counters.retry();
                if (!sleeper.awaitDeadline(clock.instant().plus(backoff.delay(retry, random)))) {
                    throw new Stopping();
                }
            }
        }
    }

    /** Parked files are retried now. */
    public List<String> requeueParked() {
        final List<String> requeued = queue.requeueParked();
        sleeper.wake();
        LOG.info("requeued {} parked files: {}", requeued.size(), requeued);
        return requeued;
    }

    /** The backlog, the parked files, the calls and the last error, for stats and the health check. */
    public DeliveryStatus status() {
        return new DeliveryStatus(queue.backlog(), queue.oldest(), queue.parked(), Optional.ofNullable(lastError),
                counters.callsSent(), counters.callsFailed(), senderProblem());
    }

    /** Whether the sender runs (a failed one that waits to start again included). */
    boolean isAlive() {
        final Future<?> future = sender;
        return future != null && !future.isDone();
    }
}
