package org.eventingest.core.world;

import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.eventingest.core.Tick;

/**
 * The ticks of a generator whose commit is in doubt: the one whose commit failed midway (its
 * changes still in the world, in memory), or the records a crash left in the store's log.
 */
final class TicksInDoubt {

    private final WorldStore store;
    private Tick doubted;

    TicksInDoubt(WorldStore store) {
        this.store = store;
    }

    void hold(Tick tick) {
        doubted = tick;
    }

    SortedSet<String> prefixes() {
        if (doubted != null) {
            return new TreeSet<>(Set.of(doubted.prefix()));
        }
        return store == null ? Collections.emptySortedSet() : store.inDoubt();
    }

    /**
     * Keeps the ticks that were {@code committed} and drops the others: the one in memory through {@code published}
     * or {@code abandoned}, the store's records by applying them or not (then {@code fromStore} runs).
     */
    void settle(Set<String> committed, Consumer<Tick> published, Consumer<Tick> abandoned, Runnable fromStore)
            throws IOException {
        if (doubted != null) {
            final Tick tick = doubted;
            doubted = null;
            (committed.contains(tick.prefix()) ? published : abandoned).accept(tick);
        } else if (store != null && !store.inDoubt().isEmpty()) {
            store.settle(committed);
            fromStore.run();
        }
    }
}
