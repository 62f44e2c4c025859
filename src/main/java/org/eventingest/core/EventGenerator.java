package org.eventingest.core;

import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import java.util.SortedSet;

/**
 * Produces a tick's lines one at a time, as the writer asks for them, so that a tick's memory
 * does not grow with its size. Implementations may keep state across ticks (a simulated world):
 * the tick job tells them when the tick's lines are durable (before the file is linked or the
 * transaction committed), and then whether the tick was published or abandoned, or that its
 * commit is in doubt. Called from the generator thread only.
 */
public interface EventGenerator {

    /** The tick's lines, in the order they are to be written. */
    Iterator<Event> events(Tick tick);

    /**
     * Every line is written (and, for a file, fsynced); the tick is not committed yet. Make what the
     * tick changed durable now, ahead of the commit point (the file's link, the transaction's commit).
     *
     * @return the tick's truth record (empty when there is none)
     * @throws IOException if that fails: the tick is then not published, and {@link #abandoned} follows
     */
    default byte[] prepare(Tick tick) throws IOException {
        return new byte[0];
    }

    /** The tick's file is published: its effects are final. */
    default void published(Tick tick) {
    }

    /** The tick's file was not published: forget what generating it changed. */
    default void abandoned(Tick tick) {
    }

    /** Whether the tick was committed is unknown: keep what it changed until {@link #settle} tells. */
    default void doubted(Tick tick) {
        abandoned(tick);
    }

    /** The ticks whose commit is in doubt (the one that failed midway, or those a crash left); oldest first. */
    default SortedSet<String> inDoubt() {
        return Collections.emptySortedSet();
    }

    /**
     * Of the ticks in doubt, {@code committed} were: keep them and forget the others.
     *
     * @throws IOException if the state cannot be written; the ticks stay in doubt
     */
    default void settle(Set<String> committed) throws IOException {
    }
}
