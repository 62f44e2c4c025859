package org.eventingest.tick;

/**
 * A committed tick: its prefix (the file name's time), where it went ({@code name}: the file's
 * name, or {@code <topic>:<prefix>}), and its size.
 */
public record Published(String prefix, String name, long bytes, long events) {
}
