package org.eventingest.pipeline;

import java.util.Map;
import java.util.Optional;

/**
 * The delivery as of one call, for stats and the {@code pipeline} health check
 * ({@link PipelineDelivery#status()}): its parts are read one after the other, so on a busy sender
 * they may be a moment apart (a file parked between two reads counts in one of them only).
 *
 * @param backlog           files published but not yet marked done (parked ones included)
 * @param oldestUnannounced the prefix of the oldest of them, if known without reading the directory
 * @param parked            the parked files' prefixes, in name order, with why each was parked
 * @param lastError         the last call's failure, if a call ever failed
 * @param callsSent         calls made, whatever their outcome
 * @param callsFailed       calls that did not get the contract's answer
 * @param senderProblem     why the sender is not running now (it failed and waits to start again), if it is not
 */
public record DeliveryStatus(long backlog, Optional<String> oldestUnannounced, Map<String, String> parked,
                             Optional<String> lastError, long callsSent, long callsFailed,
                             Optional<String> senderProblem) {

    /** For the health check: {@code backlog 2 files, oldest 20260101000001, parked 0, last error: none}. */
    public String describe() {
        return "backlog " + backlog + " files, oldest " + oldestUnannounced.orElse("none") + ", parked " + parked.size()
                + ", last error: " + lastError.orElse("none");
    }
}
