package org.eventingest.core;

/**
 * A test-only switch that halts the JVM (as a SIGKILL or a power cut would stop it) at a named step
 * of a tick's publication and state commit: started with {@code -Devent-ingest.crash-at=NAME}, or
 * {@code NAME@N} for its N-th time, the process halts there with exit code {@link #EXIT_CODE}.
 * Unset, each step costs one comparison of a constant with null.
 */
public final class CrashPoint {

    /** The exit code of a halt at a crash point. */
    public static final int EXIT_CODE = 86;

    private static final String NAME;
    private static final int TIMES;
    private static int reached;

    static {
        final String configured = System.getProperty("event-ingest.crash-at");
        if (configured == null || configured.isBlank()) {
            NAME = null;
            TIMES = 0;
        } else {
            final int at = configured.indexOf('@');
            NAME = at < 0 ? configured : configured.substring(0, at);
            TIMES = at < 0 ? 1 : Integer.parseInt(configured.substring(at + 1));
        }
    }

    private CrashPoint() {
    }

    /** Whether {@code name} is the configured crash point (for steps that must prepare the crash themselves). */
    public static boolean armed(String name) {
        return NAME != null && NAME.equals(name);
    }

    /** Halts the JVM here if this is the configured crash point (and its configured occurrence). */
    public static void reach(String name) {
        if (NAME != null && NAME.equals(name)) {
            synchronized (CrashPoint.class) {
                if (++reached == TIMES) {
                    System.err.println("crash point " + name + " reached: halting");
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_CODE);
                }
            }
        }
    }
}
