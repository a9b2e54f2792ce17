package io.streamscale.bench;

import io.streamscale.schemas.Topics;
import org.apache.kafka.streams.Topology;

/** The signal topology as the benchmark runs it. */
final class SignalsPhase {

    private SignalsPhase() {
    }

    static Topology topology(final Topics topics) {
        // Wired once io.streamscale.signals.SignalTopology is merged from the signals branch.
        throw new UnsupportedOperationException("The signal topology is not in this build yet");
    }
}
