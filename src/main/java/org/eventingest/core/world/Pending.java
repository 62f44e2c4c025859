package org.eventingest.core.world;

import java.util.function.IntFunction;
import org.eventingest.core.Event;
import org.eventingest.core.EventType;

/**
 * A line of a tick waiting to be written ({@link WorldEventGenerator}), with what it counts as in
 * the truth record and the anomaly it is, if any (given its line number).
 */
record Pending(Event event, EventType type, long shopId, boolean original, IntFunction<TickTruth.Anomaly> anomaly) {
}
