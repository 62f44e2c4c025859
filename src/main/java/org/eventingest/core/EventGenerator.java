package org.eventingest.core;

import java.io.IOException;
import java.util.Iterator;

/**
 * Produces a tick's lines one at a time, as the writer asks for them, so that a tick's memory
 * does not grow with its size. Implementations may keep state across ticks (a simulated world):
 * the tick job tells them when the tick's lines are durable (before the file is linked), and then
 * whether the file was published or abandoned. Called from the generator thread only.
 */
public interface EventGenerator {

    /** The tick's lines, in the order they are to be written. */
    Iterator<Event> events(Tick tick);

    /**
     * Every line is written and fsynced; the file is not linked yet. Make what the tick changed
     * durable now, ahead of the link (the link is the commit point).
     *
     * @throws IOException if that fails: the file is then not published, and {@link #abandoned} follows
     */
    default void prepare(Tick tick) throws IOException {
    }

    /** The tick's file is published: its effects are final. */
    default void published(Tick tick) {
    }

    /** The tick's file was not published: forget what generating it changed. */
    default void abandoned(Tick tick) {
    }
}
