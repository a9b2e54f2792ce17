package io.streamscale.signals.decision;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the engine on each closed window of a variant that has a policy, and forwards its decisions. */
final class Decide implements Processor<String, EndpointSignals, String, ScalingDecision> {

    private static final Logger LOG = LoggerFactory.getLogger(Decide.class);

    private final DecisionEngine engine;
    private ProcessorContext<String, ScalingDecision> context;
    private KeyValueStore<String, ScalingPolicy> policies;
    private KeyValueStore<String, EngineState> states;
    private Sensor scaleOuts;
    private Sensor scaleIns;

    Decide(final DecisionEngine engine) {
        this.engine = engine;
    }

    @Override
    public void init(final ProcessorContext<String, ScalingDecision> context) {
        this.context = context;
        policies = context.getStateStore(DecisionTopology.POLICY_STORE);
        states = context.getStateStore(DecisionTopology.STATE_STORE);
        // Decisions by kind, as Kafka Streams metrics (decisions scale-out-total / scale-in-total per task),
        // so every service's /metrics shows them with the rest of the app's metrics.
        final String task = context.taskId().toString();
        scaleOuts = context.metrics().addRateTotalSensor("decisions", "task-" + task, "scale-out",
                Sensor.RecordingLevel.INFO, "task-id", task);
        scaleIns = context.metrics().addRateTotalSensor("decisions", "task-" + task, "scale-in",
                Sensor.RecordingLevel.INFO, "task-id", task);
    }

    @Override
    public void process(final Record<String, EndpointSignals> record) {
        final EndpointSignals window = record.value();
        if (record.key() == null || window == null) {
            return;
        }
        final ScalingPolicy policy = policies.get(record.key());
        if (policy == null) {
            return; // no policy, nothing to decide: signals alone are still useful to watch
        }
        final EngineState state = states.get(record.key());
        final Evaluation evaluation;
        try {
            evaluation = engine.evaluate(policy, state != null ? state : DecisionRunner.initialState(policy, window),
                    window);
        } catch (RuntimeException e) {
            // A policy the engine cannot use must not stop every other endpoint's decisions.
            LOG.warn("no decision for {} at {}: {}", record.key(), window.getWindowEnd(), e.toString());
            return;
        }
        states.put(record.key(), evaluation.next());
        evaluation.decision().ifPresent(decision -> {
            LOG.info("{}: {}→{} ({})", record.key(), decision.getFrom(), decision.getTo(), decision.getReason());
            (decision.getTo() > decision.getFrom() ? scaleOuts : scaleIns).record();
            context.forward(new Record<>(record.key(), decision, decision.getDecidedAt().toEpochMilli()));
        });
    }
}
