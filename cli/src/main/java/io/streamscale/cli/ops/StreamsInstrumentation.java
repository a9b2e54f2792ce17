package io.streamscale.cli.ops;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Exposes a Kafka Streams app on the ops server: all of Kafka Streams' own metrics (records in and
 * out, commit latency, lag, and the custom sensors our processors add, such as dead letters by
 * reason) through Micrometer, and readiness once the app is RUNNING.
 */
public final class StreamsInstrumentation {

    private StreamsInstrumentation() {
    }

    /** Call before {@code streams.start()}; returns the binder, to close with the app. */
    public static KafkaStreamsMetrics instrument(final OpsServer ops, final String component, final KafkaStreams streams) {
        ops.addReadinessCheck(component, () -> streams.state() == KafkaStreams.State.RUNNING);
        final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, java.util.List.of(
                io.micrometer.core.instrument.Tag.of("component", component)));
        metrics.bindTo(ops.meterRegistry());
        return metrics;
    }
}
