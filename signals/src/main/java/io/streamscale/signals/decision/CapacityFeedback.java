package io.streamscale.signals.decision;

import io.streamscale.schemas.CapacityState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** What the actuator observed and ordered replaces the capacity the engine assumed (see {@link EngineState#withCapacity}). */
final class CapacityFeedback implements Processor<String, CapacityState, Void, Void> {

    private KeyValueStore<String, EngineState> states;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        states = context.getStateStore(DecisionTopology.STATE_STORE);
    }

    @Override
    public void process(final Record<String, CapacityState> record) {
        final CapacityState observed = record.value();
        if (record.key() == null || observed == null) {
            return;
        }
        final EngineState state = states.get(record.key());
        states.put(record.key(), state == null ? EngineState.initial(observed.getDesiredCapacity())
                : state.withCapacity(observed));
    }
}
