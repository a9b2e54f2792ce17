package io.streamscale.signals;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.ScalingPolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy on scaling-policies registers its endpoint variant (zero windows from now on, the policy's
 * minimum as capacity until endpoint-capacity says otherwise); a tombstone unregisters it.
 */
final class PolicyRegistrationProcessor implements Processor<String, ScalingPolicy, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistrationProcessor.class);

    private SignalEngine engine;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        final LiveSignalsStore live = context.getStateStore(SignalTopology.LIVE_WINDOWS_STORE);
        this.engine = live.engine();
    }

    @Override
    public void process(final Record<String, ScalingPolicy> record) {
        final ScalingPolicy policy = record.value();
        if (policy != null && policy.getEndpoint().isEmpty()) {
            LOG.warn("Ignoring a policy without an endpoint name under key '{}'", record.key());
        } else if (policy != null) {
            engine.registerEndpoint(policy.getEndpoint(), policy.getVariant(), policy.getMinCapacity());
        } else if (record.key() != null) {
            try {
                final EndpointKey key = EndpointKey.parse(record.key());
                engine.unregisterEndpoint(key.endpoint(), key.variant());
            } catch (IllegalArgumentException e) {
                // A tombstone names its endpoint only by key; a malformed one must not stop the stream.
                LOG.warn("Ignoring policy tombstone with key '{}': {}", record.key(), e.getMessage());
            }
        }
    }
}
