package io.streamscale.bench;

import io.streamscale.schemas.Topics;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.SignalTopology;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/** The signal topology as the benchmark runs it: StreamScale's own, with its default configuration. */
final class SignalsPhase {

    private SignalsPhase() {
    }

    static Topology topology(final Topics topics) {
        return SignalTopology.build(topics, SignalConfig.DEFAULTS);
    }

    /**
     * Streams settings the signal topology asks for ({@code max.task.idle.ms=-1}), applied to its phase
     * as the signals service applies them; the other phases have one input per task and do not need it.
     */
    static Map<String, ?> streamsOverrides() {
        return SignalTopology.streamsOverrides();
    }
}
