package org.eventingest.pipeline;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link DeliveryQueue}'s snapshots to the {@link DeliveryJournal}, outside the queue's
 * lock: the fsync never holds up the readers (stats, metrics) or the generator's
 * {@link DeliveryQueue#published}. Snapshots are numbered, so that a writer that lost the race never
 * replaces a newer journal with an older one. A journal that cannot be written is logged once, and
 * once more when it can be written again; delivery goes on either way.
 */
final class JournalWriter {

    /** Logged under the queue's name, as before the writer had a class of its own. */
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    /** The journal's content at one change, numbered so that an older one never replaces a newer one. */
    record Snapshot(long version, DeliveryJournal.State state) {
    }

    private final DeliveryJournal journal;
    private long savedVersion; // guarded by this
    private boolean failing; // guarded by this

    JournalWriter(DeliveryJournal journal) {
        this.journal = journal;
    }

    /** Writes {@code snapshot} unless a newer one is on disk already; nothing when it is null. */
    void save(Snapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        synchronized (this) {
            if (snapshot.version() <= savedVersion) {
                return; // a newer state is on disk already
            }
            persist(snapshot);
            savedVersion = snapshot.version();
        }
    }

    private void persist(Snapshot snapshot) {
        try {
            journal.save(snapshot.state());
            if (failing) {
                LOG.info("delivery journal {} is writable again", journal.file());
                failing = false;
            }
        } catch (IOException e) {
            if (!failing) {
                LOG.warn("cannot write delivery journal {} ({}): delivery goes on; after a restart, files may be"
                        + " announced again", journal.file(), e.toString());
                failing = true;
            }
        }
    }
}
