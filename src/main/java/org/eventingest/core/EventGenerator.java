package org.eventingest.core;

import java.util.Iterator;

/**
 * Produces a tick's events one at a time, as the writer asks for them, so that a tick's memory
 * does not grow with its size. Implementations may keep state across ticks (a simulated world);
 * they are called from the generator thread only.
 */
public interface EventGenerator {

    /** The tick's {@link Tick#size()} events, in the order they are to be written. */
    Iterator<Event> events(Tick tick);
}
