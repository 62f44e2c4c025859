package org.eventingest.core.world;

import java.util.List;
import java.util.Map;

/** {@link ReplayChecker} for tests outside this package (the Kafka output's): ticks in, findings out. */
public final class Replays {

    private Replays() {
    }

    /**
     * Replays the ticks in the order given ({@code name} → content as a file would hold it) from an empty world, as
     * {@link ReplayChecker} does; written without the duplicate anomaly (so equal lines are events like any other).
     *
     * @return every finding, as {@code file:line:kind why}
     */
    public static List<String> findings(long startingBalanceCents, List<Map.Entry<String, String>> ticks) {
        final ReplayChecker checker = new ReplayChecker(startingBalanceCents).withoutDuplicates();
        ticks.forEach(tick -> checker.file(tick.getKey(), tick.getValue()));
        checker.finish();
        return checker.findings.stream().map(finding -> finding.key() + " " + finding.why()).toList();
    }
}
