package io.streamscale.ingest.normalise;

import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.RequestLog;

/** What the normaliser made of one raw record: a valid RequestLog, or a reason to reject it. */
public sealed interface Verdict {

    boolean accepted();

    /** A record that passed every rule, ready for {@code inference-logs}. */
    record Accepted(RequestLog log) implements Verdict {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /** A record for the dead-letter topic, with why. */
    record Rejected(ReasonCode reason, String message) implements Verdict {
        @Override
        public boolean accepted() {
            return false;
        }
    }
}
