package org.eventingest.files;

import java.time.Instant;
import org.eventingest.core.EventFileName;
import org.eventingest.core.Tick;

/** String shortcuts to {@link EventFileName}, the one home of the names' format, for code that holds prefixes. */
public final class EventFileNames {

    public static final String SUFFIX = EventFileName.SUFFIX;

    private EventFileNames() {
    }

    /** The {@code filename} that pipeline-apid knows a file by. */
    public static String prefix(Instant tick) {
        return Tick.prefix(tick);
    }

    public static String published(String prefix) {
        return EventFileName.ofPrefix(prefix).published();
    }

    public static String temporary(String prefix, String unique) {
        return EventFileName.ofPrefix(prefix).temporary(unique);
    }

    /** The instant a prefix names. */
    public static Instant instantOf(String prefix) {
        return EventFileName.ofPrefix(prefix).instant();
    }

    /** {@code 20251015174140} of {@code 20251015174140.event-ingest.txt}. */
    public static String prefixOf(String publishedName) {
        return publishedName.substring(0, publishedName.length() - SUFFIX.length());
    }
}
