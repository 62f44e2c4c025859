package org.eventingest.tick;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits for an instant of an injected {@link Clock}, so that tests drive time by moving the clock
 * instead of sleeping. The clock is read again at least every 50 ms (it may be stepped, or be a
 * test's clock); {@link #wake()} and {@link #stop()} end a wait early.
 */
public final class ClockSleeper {

    /** Why a wait ended. */
    public enum Wake { DEADLINE, WOKEN, STOPPED }

    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean woken;
    private volatile boolean stopped;
    private volatile Instant waitingUntil;
    private final AtomicLong waitsBegun = new AtomicLong();

    public ClockSleeper(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Waits until the clock reaches {@code deadline}, or until woken or stopped. */
    public Wake awaitUntil(Instant deadline) throws InterruptedException {
        lock.lock();
        waitingUntil = deadline;
        waitsBegun.incrementAndGet();
        try {
            while (true) {
                if (stopped) {
                    return Wake.STOPPED;
                }
                if (woken) {
                    woken = false;
                    return Wake.WOKEN;
                }
                final long nanos = Duration.between(clock.instant(), deadline).toNanos();
                if (nanos <= 0) {
                    return Wake.DEADLINE;
                }
                changed.awaitNanos(Math.min(nanos, MAX_PARK_NANOS));
            }
        } finally {
            waitingUntil = null;
            lock.unlock();
        }
    }

    /**
     * The instant the current wait is for, while a thread waits: tests move their clock only then,
     * and exactly to it, so that a delay is never stretched by a clock moved during other work.
     */
    public Optional<Instant> waitingUntil() {
        return Optional.ofNullable(waitingUntil);
    }

    /** How many waits have begun: a test sees by it that the waiter is waiting again. */
    public long waitsBegun() {
        return waitsBegun.get();
    }

    /** Waits until {@code deadline} or a stop, whatever wakes it meanwhile; whether the deadline came. */
    public boolean awaitDeadline(Instant deadline) throws InterruptedException {
        Wake wake;
        do {
            wake = awaitUntil(deadline);
        } while (wake == Wake.WOKEN);
        return wake == Wake.DEADLINE;
    }

    /** Ends the current (or next) wait with {@link Wake#WOKEN}. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends this and every later wait with {@link Wake#STOPPED}, until {@link #reset()}. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void reset() {
        stopped = false;
    }

    public boolean isStopped() {
        return stopped;
    }
}
