package io.streamscale.signals.decision;

import static io.streamscale.signals.decision.Fixtures.T0;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feeds windows to the engine one by one, like the decision topology does. By default every decision
 * is applied at once (the next window is measured at the new capacity); {@link #slowActuator()} keeps
 * the measured capacity where it was, as an actuator that has not finished yet.
 */
final class Replay {

    /** Builds the window ending at {@code endSecond}, measured at {@code capacity} instances. */
    @FunctionalInterface
    interface Traffic {
        EndpointSignals window(long endSecond, int capacity);
    }

    private final DecisionEngine engine;
    private ScalingPolicy policy;
    private EngineState state;
    private int measuredCapacity;
    private boolean applyAtOnce = true;
    private long second;
    private final List<ScalingDecision> decisions = new ArrayList<>();

    Replay(final ScalingPolicy policy, final int capacity) {
        this(new DecisionEngine(), policy, capacity);
    }

    Replay(final DecisionEngine engine, final ScalingPolicy policy, final int capacity) {
        this.engine = engine;
        this.policy = policy;
        this.state = EngineState.initial(capacity);
        this.measuredCapacity = capacity;
    }

    /** Starts the next window at {@code startSecond} after T0 (the first window ends 10 s later). */
    Replay from(final long startSecond) {
        second = startSecond;
        return this;
    }

    Replay slowActuator() {
        applyAtOnce = false;
        return this;
    }

    Replay policy(final ScalingPolicy changed) {
        policy = changed;
        return this;
    }

    /** Runs windows until {@code untilSecond} (exclusive of later windows), 10 s each. */
    Replay until(final long untilSecond, final Traffic traffic) {
        while (second + 10 <= untilSecond) {
            second += 10;
            window(traffic.window(second, measuredCapacity));
        }
        return this;
    }

    Optional<ScalingDecision> window(final EndpointSignals window) {
        final Evaluation evaluation = engine.evaluate(policy, state, window);
        state = evaluation.next();
        evaluation.decision().ifPresent(d -> {
            decisions.add(d);
            if (applyAtOnce) {
                measuredCapacity = d.getTo();
            }
        });
        return evaluation.decision();
    }

    /** The actuator reports what it did (DesiredInstanceCount), confirming {@code decisionId}. */
    Replay feedback(final int desired, final String decisionId) {
        state = state.withCapacity(CapacityState.newBuilder().setEndpoint("fraud-model").setVariant("AllTraffic")
                .setCurrentCapacity(desired).setDesiredCapacity(desired).setLastDecisionId(decisionId)
                .setUpdatedAt(Instant.ofEpochMilli(T0 + second * 1000)).build());
        measuredCapacity = desired;
        return this;
    }

    List<ScalingDecision> decisions() {
        return decisions;
    }

    ScalingDecision last() {
        return decisions.get(decisions.size() - 1);
    }

    EngineState state() {
        return state;
    }

    /** Seconds after T0 at which each decision was taken, with its from→to. */
    List<String> timeline() {
        return decisions.stream().map(d -> (d.getDecidedAt().toEpochMilli() - T0) / 1000 + "s " + d.getFrom() + "→"
                + d.getTo()).toList();
    }
}
