package io.streamscale.signals;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** endpoint-capacity's CurrentInstanceCount becomes the capacity in force; a tombstone makes it unknown again. */
final class CapacityProcessor implements Processor<String, CapacityState, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CapacityProcessor.class);

    private SignalEngine engine;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
        final LiveSignalsStore live = context.getStateStore(SignalTopology.LIVE_WINDOWS_STORE);
        this.engine = live.engine();
    }

    @Override
    public void process(final Record<String, CapacityState> record) {
        final CapacityState state = record.value();
        if (state != null) {
            engine.capacity(state.getEndpoint(), state.getVariant(), state.getCurrentCapacity());
        } else if (record.key() != null) {
            try {
                final EndpointKey key = EndpointKey.parse(record.key());
                engine.capacity(key.endpoint(), key.variant(), 0);
            } catch (IllegalArgumentException e) {
                // A tombstone names its endpoint only by key; a malformed one must not stop the stream.
                LOG.warn("Ignoring capacity tombstone with key '{}': {}", record.key(), e.getMessage());
            }
        }
    }
}
