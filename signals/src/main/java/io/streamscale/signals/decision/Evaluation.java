package io.streamscale.signals.decision;

import io.streamscale.schemas.ScalingDecision;
import java.util.Optional;

/**
 * The outcome of evaluating one window: the state to keep and, when capacity should change, the
 * decision. An empty decision is a hold.
 */
public record Evaluation(EngineState next, Optional<ScalingDecision> decision) {

    public Evaluation {
        if (next == null || decision == null) {
            throw new IllegalArgumentException("next state and decision must not be null");
        }
    }

    static Evaluation hold(final EngineState next) {
        return new Evaluation(next, Optional.empty());
    }
}
