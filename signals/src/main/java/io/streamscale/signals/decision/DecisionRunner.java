package io.streamscale.signals.decision;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decision topology's bookkeeping without Kafka, for a backtest or any other single-threaded
 * driver: policies and engine state per endpoint variant in memory, the same engine, the same
 * starting state and the same handling of capacity feedback as {@link DecisionTopology}.
 * Not thread-safe.
 */
public final class DecisionRunner {

    private final DecisionEngine engine;
    private final Map<String, ScalingPolicy> policies = new HashMap<>();
    private final Map<String, EngineState> states = new HashMap<>();

    public DecisionRunner() {
        this(new DecisionEngine());
    }

    public DecisionRunner(final DecisionEngine engine) {
        this.engine = engine;
    }

    /** Puts (or replaces) the policy of its endpoint variant; it applies from the next window. */
    public void policy(final ScalingPolicy policy) {
        policies.put(EndpointKey.of(policy.getEndpoint(), policy.getVariant()), policy);
    }

    /** Removes a variant's policy, as a tombstone on scaling-policies does. */
    public void removePolicy(final String endpoint, final String variant) {
        policies.remove(EndpointKey.of(endpoint, variant));
    }

    /** Evaluates one closed window; empty when the variant has no policy or the engine holds. */
    public Optional<ScalingDecision> window(final EndpointSignals window) {
        final String key = EndpointKey.of(window.getEndpoint(), window.getVariant());
        final ScalingPolicy policy = policies.get(key);
        if (policy == null) {
            return Optional.empty();
        }
        final EngineState state = states.get(key);
        final Evaluation evaluation = engine.evaluate(policy, state != null ? state : initialState(policy, window),
                window);
        states.put(key, evaluation.next());
        return evaluation.decision();
    }

    /** Capacity feedback, as the actuator writes it to endpoint-capacity. */
    public void capacity(final CapacityState observed) {
        final String key = EndpointKey.of(observed.getEndpoint(), observed.getVariant());
        final EngineState state = states.get(key);
        states.put(key, state == null ? EngineState.initial(observed.getDesiredCapacity())
                : state.withCapacity(observed));
    }

    public Optional<EngineState> state(final String endpoint, final String variant) {
        return Optional.ofNullable(states.get(EndpointKey.of(endpoint, variant)));
    }

    /** A variant seen for the first time starts at the capacity its window reports, else its minimum. */
    static EngineState initialState(final ScalingPolicy policy, final EndpointSignals window) {
        return EngineState.initial(window.getCapacity() > 0 ? window.getCapacity() : policy.getMinCapacity());
    }
}
