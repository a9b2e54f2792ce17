package io.streamscale.signals.decision;

import io.streamscale.schemas.ScalingPolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the latest policy per endpoint variant; a tombstone removes it (no policy, no decisions). */
final class PolicyUpdates implements Processor<String, ScalingPolicy, Void, Void> {

    private KeyValueStore<String, ScalingPolicy> policies;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        policies = context.getStateStore(DecisionTopology.POLICY_STORE);
    }

    @Override
    public void process(final Record<String, ScalingPolicy> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            policies.delete(record.key());
        } else {
            policies.put(record.key(), record.value());
        }
    }
}
