package io.streamscale.signals;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Where a task's closed windows go, whichever processor closed them: the variant's window to
 * scaling-signals and the latest-signals store, a model's window to scaling-signals.by-model.
 */
final class ClosedWindowForwarder implements SignalSink {

    private final ProcessorContext<String, EndpointSignals> context;
    private final KeyValueStore<String, EndpointSignals> latest;

    ClosedWindowForwarder(final ProcessorContext<String, EndpointSignals> context) {
        this.context = context;
        this.latest = context.getStateStore(SignalTopology.LATEST_SIGNALS_STORE);
    }

    @Override
    public void signals(final EndpointSignals s) {
        final String key = EndpointKey.of(s.getEndpoint(), s.getVariant());
        latest.put(key, s);
        context.forward(new Record<>(key, s, s.getWindowEnd().toEpochMilli()), SignalTopology.SIGNALS_SINK);
    }

    @Override
    public void modelSignals(final EndpointSignals s) {
        final String key = EndpointKey.of(s.getEndpoint(), s.getVariant()) + "/" + s.getTargetModel();
        context.forward(new Record<>(key, s, s.getWindowEnd().toEpochMilli()), SignalTopology.MODEL_SIGNALS_SINK);
    }
}
