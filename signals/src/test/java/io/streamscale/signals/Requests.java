package io.streamscale.signals;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Request logs and a collecting sink for the signal tests. */
final class Requests {

    private static final AtomicLong IDS = new AtomicLong();

    private Requests() {
    }

    static RequestLog request(final String endpoint, final long timestampMs, final double latencyMs) {
        return builder(endpoint, timestampMs, latencyMs).build();
    }

    static RequestLog.Builder builder(final String endpoint, final long timestampMs, final double latencyMs) {
        return RequestLog.newBuilder().setEndpoint(endpoint).setVariant("AllTraffic")
                .setRequestId("r-" + IDS.incrementAndGet()).setTimestamp(Instant.ofEpochMilli(timestampMs))
                .setModelLatencyMicros(Math.round(latencyMs * 1000)).setOverheadLatencyMicros(0).setStatusCode(200);
    }

    /** Collects what an engine emits, in order. */
    static final class Collected implements SignalSink {
        final List<EndpointSignals> signals = new ArrayList<>();
        final List<EndpointSignals> models = new ArrayList<>();

        @Override
        public void signals(final EndpointSignals s) {
            signals.add(s);
        }

        @Override
        public void modelSignals(final EndpointSignals s) {
            models.add(s);
        }

        List<EndpointSignals> of(final String endpoint) {
            return signals.stream().filter(s -> s.getEndpoint().equals(endpoint)).toList();
        }

        EndpointSignals only(final String endpoint) {
            final List<EndpointSignals> found = of(endpoint);
            if (found.size() != 1) {
                throw new AssertionError("expected one window of " + endpoint + ", got " + found.size() + ": " + found);
            }
            return found.get(0);
        }
    }
}
