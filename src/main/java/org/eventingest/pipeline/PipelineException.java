package org.eventingest.pipeline;

import java.io.IOException;

/** A pipeline-apid call that did not get the contract's answer. */
public final class PipelineException extends IOException {
    private static final long serialVersionUID = 1L;


    private final int status;
    private final boolean retriable;

    private PipelineException(String message, int status, boolean retriable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retriable = retriable;
    }

    /** No answer at all: refused, reset, timed out. Worth retrying. */
    static PipelineException noAnswer(String message, Throwable cause) {
        return new PipelineException(message, 0, true, cause);
    }

    /** An HTTP status other than 2xx: 5xx, 408 and 429 are worth retrying, other statuses are not. */
    static PipelineException status(String message, int status) {
        return new PipelineException(message, status, status >= 500 || status == 408 || status == 429, null);
    }

    /** A 2xx whose body is not the contract's JSON: a broken or half-deployed peer, worth retrying. */
    static PipelineException badBody(String message, int status, Throwable cause) {
        return new PipelineException(message, status, true, cause);
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }

    /** Whether repeating the call may succeed; if not, the file is parked. */
    public boolean retriable() {
        return retriable;
    }
}
