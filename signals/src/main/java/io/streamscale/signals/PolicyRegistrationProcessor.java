package io.streamscale.signals;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingPolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy on scaling-policies registers its endpoint variant (zero windows, the policy's minimum as
 * capacity until endpoint-capacity says otherwise); a tombstone unregisters it. A policy read after
 * stream time has moved on (the task does not wait for its policy partition: see
 * {@link SignalTopology#streamsOverrides()}) emits the zero windows that have already closed at once,
 * so the windows an endpoint gets do not depend on how Streams interleaved the two topics.
 */
final class PolicyRegistrationProcessor implements Processor<String, ScalingPolicy, String, EndpointSignals> {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistrationProcessor.class);

    private SignalEngine engine;
    private ClosedWindowForwarder closed;

    @Override
    public void init(final ProcessorContext<String, EndpointSignals> context) {
        final LiveSignalsStore live = context.getStateStore(SignalTopology.LIVE_WINDOWS_STORE);
        this.engine = live.engine();
        this.closed = new ClosedWindowForwarder(context);
    }

    @Override
    public void process(final Record<String, ScalingPolicy> record) {
        final ScalingPolicy policy = record.value();
        if (policy != null && policy.getEndpoint().isEmpty()) {
            LOG.warn("Ignoring a policy without an endpoint name under key '{}'", record.key());
        } else if (policy != null) {
            engine.registerEndpoint(policy.getEndpoint(), policy.getVariant(), policy.getMinCapacity());
            engine.emitClosed(closed);
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
