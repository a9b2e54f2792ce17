package io.streamscale.cli.run;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.streamscale.cli.ops.OpsServer;
import io.streamscale.cli.ops.StreamsInstrumentation;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams app as a service: how it is run, apart from what it computes. Replaces a
 * stream thread that dies of an unexpected exception (the record that caused it is retried, and
 * bad input never gets this far: every topology routes bad records itself), logs state changes,
 * exposes readiness and metrics, and closes cleanly on shutdown so exactly-once transactions end
 * properly.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final String component;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Builds and starts the app; {@code ops} may be null (no health and metrics server). */
    public StreamsRunner(final String component, final Topology topology, final Properties props, final OpsServer ops) {
        this.component = component;
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("{}: stream thread failed, replacing it: {}", component, exception.toString(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("{}: {} -> {}", component, before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        this.metrics = ops == null ? null : StreamsInstrumentation.instrument(ops, component, streams);
        streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Waits until the app is RUNNING, or the timeout passes; returns whether it runs. */
    public boolean awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            if (stopped.getCount() == 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Blocks until the app stops (by {@link #close()} from a shutdown hook, or an error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        LOG.info("{}: closing", component);
        streams.close(Duration.ofSeconds(30));
        if (metrics != null) {
            metrics.close();
        }
        stopped.countDown();
    }
}
