package org.eventingest.tick;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.eventingest.core.Event;
import org.eventingest.core.Tick;

/**
 * Where a tick's lines go, with one commit point each: a file's link ({@code files}) or a Kafka
 * transaction's commit ({@code kafka}). Called from the generator thread only.
 */
public interface TickOutput {

    /** Runs once every line has been handed over and before the commit point: the tick's truth record. */
    @FunctionalInterface
    interface BeforeCommit {
        /** Makes the tick's state durable ahead of the commit; a throw commits nothing. */
        byte[] run() throws IOException;
    }

    /**
     * The commit of a tick failed in a way that leaves unknown whether it happened (a Kafka commit
     * that timed out): the world keeps the tick's changes until {@link #committed} tells.
     */
    final class InDoubtException extends IOException {
        private static final long serialVersionUID = 1L;

        public InDoubtException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Connects if needed: empty when the next tick can be committed, else why not (the tick is then
     * skipped and the world left as it is).
     */
    default Optional<String> unready() {
        return Optional.empty();
    }

    /**
     * Refuses the tick before anything is generated when its place is taken (a file of that name).
     *
     * @throws IOException if the tick cannot be published under {@code prefix}
     */
    default void checkFree(String prefix) throws IOException {
    }

    /**
     * Writes the tick's lines and commits them: once this returns, the tick is published.
     *
     * @throws InDoubtException if the commit's outcome is unknown
     * @throws IOException      if nothing was committed
     */
    Published publish(Tick tick, Iterator<Event> lines, BeforeCommit beforeCommit) throws IOException;

    /**
     * Of the ticks in doubt, the ones that were committed; empty when the output cannot tell now.
     */
    default Optional<Set<String>> committed(SortedSet<String> prefixes) {
        return Optional.of(Set.of());
    }
}
