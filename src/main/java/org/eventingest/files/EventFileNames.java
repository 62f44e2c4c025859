package org.eventingest.files;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * File names of the events directory: published files are {@code yyyyMMddHHmmss.event-ingest.txt}
 * (the tick's instant in UTC); files being written start with a dot, which the consumers' pattern
 * {@code ^\d{14}\.event-ingest\.txt$} never matches.
 */
public final class EventFileNames {

    public static final String SUFFIX = org.eventingest.core.Tick.FILE_SUFFIX;
    public static final Pattern PUBLISHED = Pattern.compile("^(\\d{14})\\.event-ingest\\.txt$");
    public static final Pattern TEMPORARY = Pattern.compile("^\\.\\d{14}\\.event-ingest\\.txt\\.[^/]*\\.tmp$");

    private EventFileNames() {
    }

    /** The {@code filename} that pipeline-apid knows a file by. */
    public static String prefix(Instant tick) {
        return org.eventingest.core.Tick.prefix(tick);
    }

    public static String published(String prefix) {
        return prefix + SUFFIX;
    }

    public static String temporary(String prefix, String unique) {
        return "." + prefix + SUFFIX + "." + unique + ".tmp";
    }

    public static boolean isPublished(String name) {
        return PUBLISHED.matcher(name).matches();
    }

    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }

    /** The instant a prefix names. */
    public static Instant instantOf(String prefix) {
        return org.eventingest.core.Tick.instantOf(prefix);
    }

    /** {@code 20251015174140} of {@code 20251015174140.event-ingest.txt}. */
    public static String prefixOf(String publishedName) {
        return publishedName.substring(0, publishedName.length() - SUFFIX.length());
    }
}
