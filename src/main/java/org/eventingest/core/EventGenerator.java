package org.eventingest.core;

import java.util.Iterator;

/**
 * Produces a tick's lines one at a time, as the writer asks for them, so that a tick's memory
 * does not grow with its size. Implementations may keep state across ticks (a simulated world):
 * the tick job tells them whether the file of a tick was published or abandoned. Called from the
 * generator thread only.
 */
public interface EventGenerator {

    /** The tick's lines, in the order they are to be written. */
    Iterator<Event> events(Tick tick);

    /** The tick's file was published under {@code prefix}: its effects are final. */
    default void published(Tick tick, String prefix) {
    }

    /** The tick's file was not published: forget what generating it changed. */
    default void abandoned(Tick tick) {
    }
}
