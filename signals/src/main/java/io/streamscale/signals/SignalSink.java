package io.streamscale.signals;

import io.streamscale.schemas.EndpointSignals;

/** Where {@link SignalEngine} hands each closed window, in window order per key. */
public interface SignalSink {

    /** Signals of one endpoint variant for one closed window. */
    void signals(EndpointSignals s);

    /** Signals of one model of a multi-model endpoint ({@code targetModel} set); ignored by default. */
    default void modelSignals(final EndpointSignals s) {
    }
}
