package org.eventingest.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eventingest.core.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TickLoopTest {

    private static final Instant START = Instant.parse("2025-12-31T23:59:53.250Z");
    private static final Duration TEN = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(START);
    private final MetricRegistry metrics = new MetricRegistry();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Instant> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    private TickLoop loop(TickLoop.TickJob job) {
        return new TickLoop(clock, new AtomicReference<>(new Rate(1, 1, TEN, BatchSize.UNIFORM)),
                job, executor, metrics, Duration.ofSeconds(5));
    }

    /** Starts the loop and waits until it has read the clock for its first boundary. */
    private static void start(TickLoop loop) {
        loop.start();
        await().atMost(5, TimeUnit.SECONDS).until(() -> loop.nextBoundary().isPresent());
    }

    @Test
    void waitsForTheNextBoundaryThenTicksAtEveryOneWithoutDrift() throws Exception {
        final TickLoop loop = loop(boundary -> {
            ran.add(boundary);
            clock.advance(Duration.ofMillis(1_700)); // a slow tick does not shift the next boundary
            return true;
        });
        loop.start();
        await().atMost(5, TimeUnit.SECONDS).until(() -> loop.nextBoundary().isPresent());
        assertThat(loop.nextBoundary()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ran).isEmpty();

        clock.set(Instant.parse("2026-01-01T00:00:00.000Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 1);
        clock.set(Instant.parse("2026-01-01T00:00:10.004Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        clock.set(Instant.parse("2026-01-01T00:00:20Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 3);
        loop.stop();

        assertThat(ran).containsExactly(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:10Z"),
                Instant.parse("2026-01-01T00:00:20Z"));
        assertThat(loop.status().skipped()).isZero();
        assertThat(metrics.histogram("ticks.lateness_us").getSnapshot().getMax()).isEqualTo(4_000);
    }

    @Test
    void aTickThatOverrunsSkipsTheMissedBoundariesInsteadOfCatchingUp() throws Exception {
        final TickLoop loop = loop(boundary -> {
            ran.add(boundary);
            if (ran.size() == 1) {
                clock.set(boundary.plusSeconds(35)); // overruns the boundaries at +10, +20 and +30
            }
            return true;
        });
        start(loop);
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 1);
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> loop.nextBoundary().equals(Optional.of(Instant.parse("2026-01-01T00:00:40Z"))));
        assertThat(loop.status().skipped()).isEqualTo(3);

        clock.set(Instant.parse("2026-01-01T00:00:40Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        loop.stop();
        assertThat(ran).containsExactly(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:40Z"));
        assertThat(metrics.counter("ticks.skipped").getCount()).isEqualTo(3);
    }

    @Test
    void stopLetsTheTickInProgressFinish() throws Exception {
        final CountDownLatch inTick = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Instant> finished = new CopyOnWriteArrayList<>();
        final TickLoop loop = loop(boundary -> {
            inTick.countDown();
            release.await();
            finished.add(boundary);
            return true;
        });
        start(loop);
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(inTick.await(5, TimeUnit.SECONDS)).isTrue();

        final Thread stopper = new Thread(() -> {
            try {
                loop.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        stopper.join(200);
        assertThat(stopper.isAlive()).as("stop waits for the tick").isTrue();
        release.countDown();
        stopper.join(5_000);

        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished).containsExactly(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(loop.isAlive()).isFalse();
    }

    @Test
    void aFailingTickIsCountedAndTheScheduleGoesOn() throws Exception {
        final TickLoop loop = loop(boundary -> {
            ran.add(boundary);
            if (ran.size() == 1) {
                throw new IllegalStateException("boom");
            }
            return true;
        });
        start(loop);
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 1);
        clock.set(Instant.parse("2026-01-01T00:00:10Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(loop.status().failed()).isEqualTo(1);
        assertThat(loop.isAlive()).isTrue();
        loop.stop();
    }

    @Test
    void anErrorKillsTheThreadAndHealthCanSeeIt() throws Exception {
        final TickLoop loop = loop(boundary -> {
            throw new OutOfMemoryError("simulated");
        });
        start(loop);
        assertThat(loop.isAlive()).isTrue();
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !loop.isAlive());
        loop.stop();

        // The tick ran and died with its thread: an Error is not a failed tick the schedule survives, and
        // no next tick is promised to stats or health.
        assertThat(loop.isAlive()).isFalse();
        assertThat(loop.status().run()).isEqualTo(1);
        assertThat(loop.status().last()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(loop.status().failed()).isZero();
        assertThat(loop.nextBoundary()).isEmpty();
    }

    @Test
    void whilePausedBoundariesPassCountedAsPausedAndResumeTicksAgain() throws Exception {
        final TickLoop loop = loop(boundary -> ran.add(boundary));
        start(loop);
        loop.pause();
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> loop.status().pausedTicks() == 1);
        clock.set(Instant.parse("2026-01-01T00:00:10Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> loop.status().pausedTicks() == 2);
        assertThat(ran).isEmpty();

        loop.resume();
        clock.set(Instant.parse("2026-01-01T00:00:20Z"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 1);
        loop.stop();
        assertThat(ran).containsExactly(Instant.parse("2026-01-01T00:00:20Z"));
        assertThat(loop.status().skipped()).isZero();
    }

    @Test
    void tickNowRunsAtOnceOnTheGeneratorThreadNamedByTheCurrentSecond() throws Exception {
        final List<String> threads = new CopyOnWriteArrayList<>();
        final TickLoop loop = loop(boundary -> {
            ran.add(boundary);
            threads.add(Thread.currentThread().getName());
            return ran.size() == 1;
        });
        start(loop);
        assertThat(loop.tickNow().get(5, TimeUnit.SECONDS)).contains(Instant.parse("2025-12-31T23:59:53Z"));
        assertThat(loop.tickNow().get(5, TimeUnit.SECONDS)).isEmpty(); // the job said: nothing published
        assertThat(loop.nextBoundary()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        loop.stop();
        assertThat(threads).hasSize(2).allMatch(name -> !name.equals(Thread.currentThread().getName()));
    }

    @Test
    void aNewIntervalTakesEffectFromTheNextBoundaryOfTheNewInterval() throws Exception {
        final TickLoop loop = loop(boundary -> ran.add(boundary));
        start(loop);
        loop.setRate(loop.rate().with(null, Duration.ofSeconds(7), null));
        final Instant expected = new TickSchedule(Duration.ofSeconds(7)).nextBoundaryAfter(START);
        await().atMost(5, TimeUnit.SECONDS).until(() -> loop.nextBoundary().equals(Optional.of(expected)));
        clock.set(expected);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 1);
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> loop.nextBoundary().equals(Optional.of(expected.plusSeconds(7))));
        loop.stop();
        assertThat(loop.rate().interval()).isEqualTo(Duration.ofSeconds(7));
    }
}
