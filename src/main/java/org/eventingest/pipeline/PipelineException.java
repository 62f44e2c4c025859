package org.eventingest.pipeline;

import java.io.IOException;

/** A pipeline-apid call that did not get the contract's answer. */
public final class PipelineException extends IOException {

    private final int status;

    /** @param status the HTTP status, or 0 when no response came (connection failed, timed out) */
    public PipelineException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
