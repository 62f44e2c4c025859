package org.eventingest.config;

/**
 * A reason the service cannot start that the operator fixes: its message alone is printed, naming the key and the fix.
 */
public final class StartupError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupError(String message) {
        super(message);
    }
}
