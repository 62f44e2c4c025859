package org.eventingest.tick;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eventingest.metrics.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Owns the generator thread: waits for the next aligned boundary on the injected clock, runs one
 * tick there, and repeats. Boundaries come from the clock, never from the end of the previous
 * tick, so ticks do not drift; a tick that overruns the next boundary skips (and counts) the
 * boundaries it missed instead of running a burst of late ticks. {@link #stop()} lets the tick in
 * progress finish and publish its file.
 *
 * <p>Operators can pause it (boundaries pass, counted as paused), run a tick at once, and change the
 * rate (a new interval is effective from the next boundary of the new interval). All of it runs on the generator
 * thread: the generator is never touched by two threads.
 */
public final class TickLoop implements Managed {

    /** The work of one tick; called on the generator thread only. */
    @FunctionalInterface
    public interface TickJob {
        /** @return whether the tick published its file */
        boolean run(Instant boundary) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TickLoop.class);

    private final Clock clock;
    private final TickJob job;
    private final ExecutorService executor;
    private final Duration stopTimeout;

    private final Timer duration;
    private final Histogram latenessMicros;
    private final Counter skipped;
    private final Counter paused;
    private final Counter failed;
    private final AtomicLong ticksRun = new AtomicLong();

    private final ClockSleeper sleeper;
    private final GeneratorRequests requests = new GeneratorRequests();
    private final AtomicReference<Rate> rate;
    private volatile boolean pausedFlag;
    private volatile boolean rescheduled;
    private volatile Future<?> running;
    private volatile Instant lastBoundary;
    private volatile Instant nextBoundary;

    /** @param rate the rate, shared with the tick job; its interval sets the boundaries */
    public TickLoop(Clock clock, AtomicReference<Rate> rate, TickJob job, ExecutorService executor,
                    MetricRegistry metrics, Duration stopTimeout) {
        this.clock = clock;
        this.rate = rate;
        this.job = job;
        this.executor = executor;
        this.stopTimeout = stopTimeout;
        this.sleeper = new ClockSleeper(clock);
        this.duration = metrics.timer("ticks.duration");
        this.latenessMicros = metrics.histogram("ticks.lateness_us");
        this.skipped = metrics.counter("ticks.skipped");
        this.paused = metrics.counter("ticks.paused");
        this.failed = metrics.counter("ticks.failed");
        metrics.register("generator.paused", new Reading<Integer>(() -> pausedFlag ? 1 : 0));
        metrics.register("generator.interval_seconds", new Reading<Long>(() -> rate.get().interval().toSeconds()));
    }

    @Override
    public void start() {
        sleeper.reset();
        running = executor.submit(this::loop);
    }

    @Override
    public void stop() throws InterruptedException {
        sleeper.stop();
        final Future<?> future = running;
        if (future == null) {
            return;
        }
        try {
            future.get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.error("generator thread had died", e.getCause());
        } catch (TimeoutException e) {
            LOG.error("tick still running after {}; stopping without it", stopTimeout);
            future.cancel(true);
        }
        requests.failAll();
    }

    private Void loop() throws InterruptedException {
        Instant boundary = rate.get().schedule().nextBoundaryAfter(clock.instant());
        nextBoundary = boundary;
        LOG.info("generator started; first tick at {}, every {}", boundary, rate.get().interval());
        try {
            while (true) {
                final ClockSleeper.Wake wake = sleeper.awaitUntil(boundary);
                if (wake == ClockSleeper.Wake.STOPPED) {
                    break;
                }
                requests.runAll();
                if (rescheduled) {
                    rescheduled = false;
                    boundary = rate.get().schedule().nextBoundaryAfter(clock.instant());
                    nextBoundary = boundary;
                    continue;
                }
                if (wake == ClockSleeper.Wake.WOKEN) {
                    continue;
                }
                if (pausedFlag) {
                    paused.inc();
                } else {
                    runTick(boundary);
                }
                boundary = following(boundary);
                nextBoundary = boundary;
            }
        } catch (Error e) {
            LOG.error("generator thread died", e);
            throw e;
        } finally {
            requests.failAll();
        }
        LOG.info("generator stopped after {} ticks", ticksRun.get());
        return null;
    }

    /** Runs the tick of {@code boundary} now, timed and counted; a tick that throws is counted as failed. */
    boolean runTick(Instant boundary) {
        final Instant start = clock.instant();
        final long lateness = Duration.between(boundary, start).toNanos() / 1000;
        latenessMicros.update(lateness);
        final Timer.Context timing = duration.time();
        MDC.put("lateness_us", Long.toString(lateness));
        MDC.put("tick", boundary.toString());
        try {
            return job.run(boundary);
        } catch (Exception e) {
            failed.inc();
            LOG.warn("tick {} failed", boundary, e);
            return false;
        } finally {
            timing.stop();
            MDC.remove("lateness_us");
            MDC.remove("tick");
            ticksRun.incrementAndGet();
            lastBoundary = boundary;
        }
    }

    /** The boundary after {@code boundary}, or, if the clock is already past it, the next one ahead. */
    Instant following(Instant boundary) {
        final TickSchedule current = rate.get().schedule();
        final Instant next = boundary.plus(current.interval());
        final Instant now = clock.instant();
        if (!now.isAfter(next)) {
            return next;
        }
        final Instant ahead = current.nextBoundaryAfter(now);
        final long missed = current.boundariesBetween(next, ahead);
        if (pausedFlag) {
            paused.inc(missed);
        } else {
            skipped.inc(missed);
            LOG.warn("tick {} overran into {}: skipping {} boundaries, next tick at {}", boundary, now, missed, ahead);
        }
        return ahead;
    }

    /** While paused, boundaries pass without ticks (counted as paused); delivery goes on. */
    public void pause() {
        pausedFlag = true;
    }

    public void resume() {
        pausedFlag = false;
    }

    /** The loop's state in one record, for stats and health. */
    public LoopStatus status() {
        return new LoopStatus(isAlive(), pausedFlag, rate.get(), Optional.ofNullable(lastBoundary), nextBoundary(),
                ticksRun.get(), skipped.getCount(), paused.getCount(), failed.getCount());
    }

    public boolean isPaused() {
        return pausedFlag;
    }

    /**
     * Runs one tick at once on the generator thread, its file named by the current second.
     *
     * @return the tick's instant if it published a file, empty if not (the name was taken, or it failed)
     */
    public CompletableFuture<Optional<Instant>> tickNow() {
        return onGeneratorThread(() -> {
            final Instant instant = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            return runTick(instant) ? Optional.of(instant) : Optional.empty();
        });
    }

    /**
     * Runs {@code work} on the generator thread between ticks, where the world may be read: it
     * is then the world of the last published file.
     */
    public <T> CompletableFuture<T> onGeneratorThread(Supplier<T> work) {
        if (!isAlive()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the generator is not running"));
        }
        final CompletableFuture<T> answer = requests.add(work);
        sleeper.wake();
        if (!isAlive()) {
            // The loop ended meanwhile: what it did not take is answered here (stop() answers the rest).
            requests.failAll();
        }
        return answer;
    }

    /**
     * Replaces the rate whole (one write, read by this loop and the tick job): the next tick is
     * drawn from it; a new interval ticks at its multiples from the next one on.
     */
    public void setRate(Rate next) {
        updateRate(current -> next);
    }

    /**
     * Changes the rate atomically ({@code set-rate} from two admin requests at once loses neither):
     * {@code change} may run more than once, so it must only compute.
     *
     * @return the rate now in force
     */
    public Rate updateRate(UnaryOperator<Rate> change) {
        Rate before;
        Rate after;
        do {
            before = rate.get();
            after = change.apply(before);
        } while (!rate.compareAndSet(before, after));
        if (!before.interval().equals(after.interval())) {
            rescheduled = true;
            sleeper.wake();
        }
        return after;
    }

    public Rate rate() {
        return rate.get();
    }

    /** Whether the generator thread is running (started and not died). */
    public boolean isAlive() {
        final Future<?> future = running;
        return future != null && !future.isDone();
    }


    public Optional<Instant> nextBoundary() {
        return isAlive() ? Optional.ofNullable(nextBoundary) : Optional.empty();
    }





}
