package org.eventingest.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a tick's file, the one home of its format: the tick's instant (to the second, UTC)
 * is its prefix {@code yyyyMMddHHmmss}, the name pipeline-apid knows it by; published, it is
 * {@code <prefix>.event-ingest.txt}; while written, {@code .<prefix>.event-ingest.txt.<unique>.tmp},
 * which the consumers' pattern {@code ^\d{14}\.event-ingest\.txt$} never matches. Name order is time
 * order (the prefix is fixed-width, most significant field first), which {@link #compareTo} keeps.
 */
public record EventFileName(Instant instant) implements Comparable<EventFileName> {

    public static final String SUFFIX = ".event-ingest.txt";
    private static final DateTimeFormatter PREFIX =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern PUBLISHED = Pattern.compile("^(\\d{14})\\.event-ingest\\.txt$");
    private static final Pattern TEMPORARY = Pattern.compile("^\\.\\d{14}\\.event-ingest\\.txt\\.[^/]*\\.tmp$");

    public EventFileName {
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException("a file is named by a whole second: " + instant);
        }
    }

    /** The file of the tick at {@code instant}, to the second. */
    public static EventFileName of(Instant instant) {
        return new EventFileName(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The file a prefix ({@code 20251015174140}) names. */
    public static EventFileName ofPrefix(String prefix) {
        return new EventFileName(LocalDateTime.parse(prefix, PREFIX).toInstant(ZoneOffset.UTC));
    }

    /** The file a published name names, if it is one. */
    public static Optional<EventFileName> parse(String publishedName) {
        final var matcher = PUBLISHED.matcher(publishedName);
        return matcher.matches() ? Optional.of(ofPrefix(matcher.group(1))) : Optional.empty();
    }

    public static boolean isPublished(String name) {
        return PUBLISHED.matcher(name).matches();
    }

    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }

    /** {@code yyyyMMddHHmmss}: the {@code filename} of the pipeline-apid calls. */
    public String prefix() {
        return PREFIX.format(instant);
    }

    public String published() {
        return prefix() + SUFFIX;
    }

    public String temporary(String unique) {
        return "." + published() + "." + unique + ".tmp";
    }

    @Override
    public int compareTo(EventFileName other) {
        return instant.compareTo(other.instant);
    }
}
