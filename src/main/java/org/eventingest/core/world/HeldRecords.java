package org.eventingest.core.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The log records that recovery could not decide from the disk (their commit point is a Kafka
 * transaction), in log order, with whether each carries a commit mark.
 */
final class HeldRecords {

    private final List<WorldLog.Entry> entries = new ArrayList<>();
    private final Set<Long> marked = new HashSet<>();

    void add(WorldLog.Entry entry, boolean mark) {
        entries.add(entry);
        if (mark) {
            marked.add(entry.seq());
        }
    }

    boolean any() {
        return !entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    List<WorldLog.Entry> entries() {
        return List.copyOf(entries);
    }

    boolean marked(WorldLog.Entry entry) {
        return marked.contains(entry.seq());
    }

    /** The prefixes of the records without a mark: the ones the output must decide. */
    SortedSet<String> prefixes() {
        final SortedSet<String> prefixes = new TreeSet<>();
        entries.stream().filter(entry -> !marked(entry)).forEach(entry -> prefixes.add(entry.prefix()));
        return prefixes;
    }

    void clear() {
        entries.clear();
        marked.clear();
    }
}
