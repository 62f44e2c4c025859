package org.eventingest.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code world}: unhealthy while the state directory cannot be written (the world goes on in
 * memory and the write is retried) or while ticks are skipped because the clock is behind the
 * newest published file.
 */
public final class WorldHealthCheck extends HealthCheck {

    private final Supplier<Optional<String>> stateProblem;
    private final Supplier<Optional<Duration>> clockBehind;

    public WorldHealthCheck(Supplier<Optional<String>> stateProblem, Supplier<Optional<Duration>> clockBehind) {
        this.stateProblem = stateProblem;
        this.clockBehind = clockBehind;
    }

    @Override
    protected Result check() {
        final Optional<String> problem = stateProblem.get();
        if (problem.isPresent()) {
            return Result.unhealthy(problem.get());
        }
        final Optional<Duration> behind = clockBehind.get();
        if (behind.isPresent()) {
            return Result.unhealthy("clock behind the newest file by " + behind.get().toSeconds()
                    + " s: ticks are skipped until it passes it");
        }
        return Result.healthy();
    }
}
