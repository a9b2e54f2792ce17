package io.streamscale.signals.decision;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingPolicy;

/**
 * The rule engine: given an endpoint variant's policy, what the engine remembers about it and the
 * window that just closed, decide whether its capacity changes, and say why. Pure: no Kafka, no
 * clock (time is the window's end), the same inputs always give the same decision and decision id.
 *
 * <p>The rules, their interplay and their defaults are in docs/DECISIONS.md: target tracking and step
 * scaling as AWS computes them, sustained windows, scheduled min/max, separate scale-out and scale-in
 * cooldowns with AWS's interplay, scale-in stabilisation, min/max, the per-decision step limit, the
 * budget cap, predictive pre-scaling and Knative-style panic.
 */
public final class DecisionEngine {

    /** ScaleOutCooldown when a rule names none. */
    public static final int DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;
    /** ScaleInCooldown when a rule names none. */
    public static final int DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
    /** Target tracking scales in only when the metric is below this share of the target (AWS: 10 % below). */
    public static final double SCALE_IN_MARGIN = 0.9;
    /** Panic mode lasts this long after the last window that panicked (Knative's stable window). */
    public static final long PANIC_HOLD_MS = 60_000;
    /** Hours in a month as AWS prices them. */
    public static final double HOURS_PER_MONTH = 730;

    private final ScheduleLookup schedules;

    /** An engine that evaluates policies' scheduled actions as Application Auto Scaling does. */
    public DecisionEngine() {
        this(ScheduleLookup.SCHEDULED_ACTIONS);
    }

    /** An engine that asks {@code schedules} which scheduled min/max are in force. */
    public DecisionEngine(final ScheduleLookup schedules) {
        this.schedules = schedules == null ? ScheduleLookup.NONE : schedules;
    }

    /**
     * Evaluates one closed window. A window of another model (multi-model signals) or one that ends
     * no later than the last window evaluated (a duplicate after a restart) changes nothing.
     *
     * @return the next state and, when capacity should change, the decision
     */
    public Evaluation evaluate(final ScalingPolicy policy, final EngineState state, final EndpointSignals window) {
        if (policy == null || state == null || window == null) {
            throw new IllegalArgumentException("policy, state and window are required");
        }
        if (window.getTargetModel() != null || window.getWindowEnd().toEpochMilli() <= state.lastWindowEnd()) {
            return Evaluation.hold(state);
        }
        return new Deliberation(policy, state, window, schedules).decide();
    }
}
