package org.eventingest.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eventingest.files.EventFileListing;
import org.eventingest.files.EventFileNames;
import org.eventingest.pipeline.JournalWriter.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that pipeline-apid has not yet acknowledged as done, in name order. The published
 * files themselves are the durable record of what must be announced; the {@link DeliveryJournal}
 * records what was acknowledged, written by a {@link JournalWriter}. Only a window of the next
 * names is held however large the backlog, and the directory is read again when the window runs
 * dry (each read lists the whole directory once, done files included, and keeps the window).
 *
 * <p>The window always holds the smallest not-done names above the watermark, with no gap, so the
 * watermark can move to the head of the window whenever the head is done.
 */
final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private final DeliveryJournal journal;
    private final JournalWriter writer;
    private final Path eventsDir;
    private final int windowCapacity;

    private String doneThrough = "";
    private final TreeSet<String> registered = new TreeSet<>();
    private final TreeSet<String> pendingBelow = new TreeSet<>();
    private final TreeSet<String> window = new TreeSet<>();
    private final Map<String, String> parked = new TreeMap<>();
    /** Whether there are not-done files above the window that only a directory scan can find. */
    private boolean overflow;
    private long backlog;
    private long version;

    DeliveryQueue(DeliveryJournal journal, Path eventsDir, int windowCapacity) {
        this.journal = journal;
        this.writer = new JournalWriter(journal);
        this.eventsDir = eventsDir;
        this.windowCapacity = windowCapacity;
    }

    /**
     * Rebuilds the queue from the journal and the directory: every event file whose done is not
     * recorded is queued again; journal entries for files that no longer exist are dropped.
     */
    void reconcile() {
        writer.save(rebuild());
    }

    private synchronized Snapshot rebuild() {
        DeliveryJournal.State state;
        try {
            state = journal.load();
        } catch (IOException e) {
            LOG.warn("cannot read delivery journal {} ({}): every event file on disk will be announced again",
                    journal.file(), e.toString());
            state = DeliveryJournal.State.EMPTY;
        }
        doneThrough = state.doneThrough();
        registered.clear();
        pendingBelow.clear();
        window.clear();
        parked.clear();
        state.registered().stream().filter(this::exists).forEach(registered::add);
        state.pendingBelow().stream().filter(this::exists).forEach(pendingBelow::add);
        final List<String> above = scanAbove(doneThrough);
        fillWindow(above);
        backlog = pendingBelow.size() + above.size();
        return snapshot();
    }

    /** A file was published (generator thread). */
    void published(String prefix) {
        writer.save(add(prefix));
    }

    private synchronized Snapshot add(String prefix) {
        backlog++;
        if (prefix.compareTo(doneThrough) <= 0) {
            // Below the watermark (the clock stepped back): only the journal can keep it from being taken as done.
            pendingBelow.add(prefix);
            return snapshot();
        } else if (!window.isEmpty() && prefix.compareTo(window.last()) < 0) {
            window.add(prefix);
        } else if (overflow || window.size() >= windowCapacity) {
            overflow = true;
        } else {
            window.add(prefix);
        }
        return null;
    }

    /** The next file to announce; empty when there is none (after reading the directory if need be). */
    Optional<String> head() {
        final String from;
        synchronized (this) {
            final Optional<String> next = peek();
            if (next.isPresent() || !overflow) {
                return next;
            }
            overflow = false;
            from = doneThrough;
        }
        final List<String> scanned = scanAbove(from);
        synchronized (this) {
            final TreeSet<String> merged = new TreeSet<>(window);
            scanned.stream().filter(name -> name.compareTo(doneThrough) > 0 && !pendingBelow.contains(name))
                    .forEach(merged::add);
            window.clear();
            fillWindow(new ArrayList<>(merged));
            return peek();
        }
    }

    private Optional<String> peek() {
        for (String name : pendingBelow) {
            if (!parked.containsKey(name)) {
                return Optional.of(name);
            }
        }
        return window.isEmpty() ? Optional.empty() : Optional.of(window.first());
    }

    synchronized boolean isRegistered(String prefix) {
        return registered.contains(prefix);
    }

    void registered(String prefix) {
        Snapshot changed = null;
        synchronized (this) {
            if (registered.add(prefix)) {
                changed = snapshot();
            }
        }
        writer.save(changed);
    }

    /** pipeline-apid lost the rows of a registered file: it must be registered again. */
    void unregistered(String prefix) {
        Snapshot changed = null;
        synchronized (this) {
            if (registered.remove(prefix)) {
                changed = snapshot();
            }
        }
        writer.save(changed);
    }

    void done(String prefix) {
        final Snapshot changed;
        synchronized (this) {
            registered.remove(prefix);
            if (pendingBelow.remove(prefix)) {
                parked.remove(prefix);
                backlog--;
            } else if (window.remove(prefix)) {
                // The head of the window: nothing undone lies between the watermark and it.
                doneThrough = prefix;
                backlog--;
            }
            changed = snapshot();
        }
        writer.save(changed);
    }

    /** Stops retrying {@code prefix} until {@link #requeueParked()} or a restart. */
    void park(String prefix, String reason) {
        final Snapshot changed;
        synchronized (this) {
            parked.put(prefix, reason);
            if (window.remove(prefix)) {
                pendingBelow.add(prefix);
                doneThrough = prefix;
            }
            changed = snapshot();
        }
        writer.save(changed);
    }

    synchronized List<String> requeueParked() {
        final List<String> requeued = new ArrayList<>(parked.keySet());
        parked.clear();
        return requeued;
    }

    synchronized long backlog() {
        return backlog;
    }

    synchronized Map<String, String> parked() {
        return Collections.unmodifiableMap(new TreeMap<>(parked));
    }

    /** The oldest file not yet done (parked ones included), if known without reading the directory. */
    synchronized Optional<String> oldest() {
        final String below = pendingBelow.isEmpty() ? null : pendingBelow.first();
        final String above = window.isEmpty() ? null : window.first();
        if (below == null) {
            return Optional.ofNullable(above);
        }
        return Optional.of(below);
    }

    private Snapshot snapshot() {
        return new Snapshot(++version, new DeliveryJournal.State(doneThrough,
                Collections.unmodifiableSortedSet(new TreeSet<>(registered)),
                Collections.unmodifiableSortedSet(new TreeSet<>(pendingBelow))));
    }

    private void fillWindow(List<String> ascending) {
        for (String name : ascending) {
            if (window.size() >= windowCapacity) {
                overflow = true;
                return;
            }
            window.add(name);
        }
    }

    private boolean exists(String prefix) {
        return Files.exists(eventsDir.resolve(EventFileNames.published(prefix)));
    }

    /** The prefixes of the published files above {@code from}, ascending. */
    private List<String> scanAbove(String from) {
        final List<String> names = new ArrayList<>();
        try {
            for (Path file : EventFileListing.published(eventsDir)) {
                final String prefix = EventFileNames.prefixOf(file.getFileName().toString());
                if (prefix.compareTo(from) > 0) {
                    names.add(prefix);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", eventsDir, e.toString());
        }
        return names;
    }
}
