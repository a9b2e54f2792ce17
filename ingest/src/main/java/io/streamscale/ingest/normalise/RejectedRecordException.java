package io.streamscale.ingest.normalise;

import io.streamscale.ingest.ReasonCode;

/**
 * A raw record that cannot become a RequestLog, with the reason and a message for the person reading
 * the dead-letter topic. Thrown inside the normaliser only, and cheap: no stack trace, since bad input
 * is expected traffic, not a bug.
 */
public final class RejectedRecordException extends RuntimeException {

    private final ReasonCode reason;

    public RejectedRecordException(final ReasonCode reason, final String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
