package io.streamscale.actuator.rules;

import java.time.Instant;

/** The last decision the actuator recorded an outcome for, per endpoint variant. */
public record HandledDecision(String decisionId, Instant decidedAt) {
}
