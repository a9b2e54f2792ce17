package io.streamscale.cli.backtest;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.SignalEngine;
import io.streamscale.signals.SignalSink;
import io.streamscale.signals.decision.DecisionEngine;
import io.streamscale.signals.decision.EngineState;
import io.streamscale.signals.decision.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The signal and decision code of the live topologies, run over a trace with no broker: the same
 * {@link SignalEngine} and {@link DecisionEngine}, fed in event-time order. The actuator is modelled
 * by a delay: a decision's capacity is in force {@code applyDelay} after it was decided (at once by
 * default), and until then the decision engine assumes it, exactly as the live topology does.
 * Deterministic: same trace and policies, same output.
 */
public final class Backtest {

    /** @param startCapacity instances at the start; null means each policy's minCapacity (1 without a policy) */
    public record Options(List<ScalingPolicy> policies, Integer startCapacity, Duration applyDelay, SignalConfig signals) {
        public Options {
            policies = List.copyOf(policies);
            applyDelay = applyDelay == null ? Duration.ZERO : applyDelay;
            signals = signals == null ? SignalConfig.DEFAULTS : signals;
            if (startCapacity != null && startCapacity < 0) {
                throw new IllegalArgumentException("--capacity must be >= 0, got " + startCapacity);
            }
            if (applyDelay.isNegative()) {
                throw new IllegalArgumentException("--apply-delay must be >= 0, got " + applyDelay);
            }
        }
    }

    public record Result(long records, List<EndpointSignals> signals, List<EndpointSignals> modelSignals,
                         List<ScalingDecision> decisions) {
    }

    private record Pending(Instant applyAt, ScalingDecision decision) {
    }

    private final Options options;
    private final SignalEngine signalEngine;
    private final DecisionEngine decisionEngine = new DecisionEngine();
    private final Map<String, ScalingPolicy> policies = new LinkedHashMap<>();
    private final Map<String, EngineState> states = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparing(Pending::applyAt));
    private final Deque<EndpointSignals> closed = new ArrayDeque<>();
    private final List<EndpointSignals> signals = new ArrayList<>();
    private final List<EndpointSignals> modelSignals = new ArrayList<>();
    private final List<ScalingDecision> decisions = new ArrayList<>();
    private final SignalSink sink = new SignalSink() {
        @Override
        public void signals(final EndpointSignals window) {
            closed.add(window);
        }

        @Override
        public void modelSignals(final EndpointSignals window) {
            modelSignals.add(window);
        }
    };

    private Backtest(final Options options) {
        this.options = options;
        this.signalEngine = new SignalEngine(options.signals());
        for (final ScalingPolicy policy : options.policies()) {
            final String key = EndpointKey.of(policy.getEndpoint(), policy.getVariant());
            policies.put(key, policy);
            final int capacity = startCapacity(policy);
            signalEngine.registerEndpoint(policy.getEndpoint(), policy.getVariant(), capacity);
            signalEngine.capacity(policy.getEndpoint(), policy.getVariant(), capacity);
        }
    }

    /** Runs the whole trace, which must be in event-time order per endpoint variant (late records are counted, as live). */
    public static Result run(final Iterator<RequestLog> trace, final Options options) {
        final Backtest backtest = new Backtest(options);
        long records = 0;
        while (trace.hasNext()) {
            final RequestLog log = trace.next();
            backtest.firstSight(log);
            backtest.signalEngine.accept(log, backtest.sink);
            backtest.decideClosedWindows();
            records++;
        }
        backtest.signalEngine.finish(backtest.sink);
        backtest.decideClosedWindows();
        return new Result(records, List.copyOf(backtest.signals), List.copyOf(backtest.modelSignals), List.copyOf(backtest.decisions));
    }

    private int startCapacity(final ScalingPolicy policy) {
        if (options.startCapacity() != null) {
            return options.startCapacity();
        }
        return policy == null ? options.signals().defaultCapacity() : policy.getMinCapacity();
    }

    private void firstSight(final RequestLog log) {
        final String key = EndpointKey.of(log.getEndpoint(), log.getVariant());
        if (!states.containsKey(key) && !policies.containsKey(key) && options.startCapacity() != null) {
            signalEngine.capacity(log.getEndpoint(), log.getVariant(), options.startCapacity());
        }
    }

    /** Windows close in stream-time order; actions that land before a window ends are in force for it. */
    private void decideClosedWindows() {
        while (!closed.isEmpty()) {
            final EndpointSignals window = closed.poll();
            signals.add(window);
            applyPendingUpTo(window.getWindowEnd());
            final String key = EndpointKey.of(window.getEndpoint(), window.getVariant());
            final ScalingPolicy policy = policies.get(key);
            if (policy == null) {
                continue;
            }
            final EngineState state = states.computeIfAbsent(key, k -> EngineState.initial(window.getCapacity()));
            final Evaluation evaluation = decisionEngine.evaluate(policy, state, window);
            states.put(key, evaluation.next());
            final Optional<ScalingDecision> decision = evaluation.decision();
            decision.ifPresent(d -> {
                decisions.add(d);
                pending.add(new Pending(d.getDecidedAt().plus(options.applyDelay()), d));
                if (options.applyDelay().isZero()) {
                    applyPendingUpTo(d.getDecidedAt());
                }
            });
        }
    }

    /** The modelled actuator: what it applied by {@code time} becomes the capacity in force and is fed back. */
    private void applyPendingUpTo(final Instant time) {
        while (!pending.isEmpty() && !pending.peek().applyAt().isAfter(time)) {
            final ScalingDecision applied = pending.poll().decision();
            final String key = EndpointKey.of(applied.getEndpoint(), applied.getVariant());
            signalEngine.capacity(applied.getEndpoint(), applied.getVariant(), applied.getTo());
            final EngineState state = states.get(key);
            if (state != null) {
                states.put(key, state.withCapacity(observed(applied)));
            }
        }
    }

    private static CapacityState observed(final ScalingDecision applied) {
        final boolean out = applied.getTo() > applied.getFrom();
        return CapacityState.newBuilder()
                .setEndpoint(applied.getEndpoint())
                .setVariant(applied.getVariant())
                .setCurrentCapacity(applied.getTo())
                .setDesiredCapacity(applied.getTo())
                .setStatus("InService")
                .setLastScaleOutAt(out ? applied.getDecidedAt() : null)
                .setLastScaleInAt(out ? null : applied.getDecidedAt())
                .setLastDecisionId(applied.getDecisionId())
                .setUpdatedAt(applied.getDecidedAt())
                .build();
    }
}
