package org.eventingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shares of {@code server.shutdown_grace_period} add up to it, whatever its value. */
class StopBudgetTest {

    @Test
    void everyShareFitsInTheGracePeriodForEveryAllowedValue() {
        for (int grace = 1; grace <= 300; grace++) {
            final StopBudget budget = StopBudget.of(grace);
            final Duration drain = budget.drain(Duration.ofSeconds(300));
            assertThat(budget.requests().plus(budget.tick()).plus(budget.delivery()))
                    .as("grace %d s", grace).isLessThanOrEqualTo(Duration.ofSeconds(grace));
            // The drain leaves the sender its stop within the delivery share (or is zero when there is no room).
            assertThat(drain.isZero() || drain.plus(StopBudget.SENDER_STOP).compareTo(budget.delivery()) <= 0)
                    .as("grace %d s: drain %s", grace, drain).isTrue();
        }
    }

    @Test
    void theDefaultGracePeriodGivesTheDocumentedShares() {
        final StopBudget budget = StopBudget.of(30);
        assertThat(budget.requests()).isEqualTo(Duration.ofMillis(7500));
        assertThat(budget.tick()).isEqualTo(Duration.ofSeconds(15));
        assertThat(budget.delivery()).isEqualTo(Duration.ofMillis(7500));
        // The configured drain (5 s by default) fits; a longer one is cut to the share less the sender's stop.
        assertThat(budget.drain(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(budget.drain(Duration.ofSeconds(60))).isEqualTo(Duration.ofMillis(6500));
        assertThat(StopBudget.of(2).drain(Duration.ofSeconds(5))).isEqualTo(Duration.ZERO);
        assertThat(budget.probeSeconds(5)).isEqualTo(5);
        assertThat(StopBudget.of(8).probeSeconds(5)).isEqualTo(2);
    }
}
