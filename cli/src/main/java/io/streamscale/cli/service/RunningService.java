package io.streamscale.cli.service;

import io.streamscale.cli.ops.OpsServer;
import io.streamscale.cli.run.StreamsRunner;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;

/**
 * A started service: its Streams apps and its ops server. The command waits on it until a shutdown
 * hook closes it; tests start one, talk to it over HTTP and Kafka, and close it.
 */
public final class RunningService implements AutoCloseable {

    private final List<StreamsRunner> apps;
    private final OpsServer ops;

    RunningService(final List<StreamsRunner> apps, final OpsServer ops) {
        this.apps = List.copyOf(apps);
        this.ops = ops;
    }

    /**
     * What a service command does: start; on bad configuration or an unusable cluster, exit 2 with a
     * message naming the key or the topics; else run until a shutdown signal closes it.
     */
    static int serve(final String name, final Supplier<RunningService> start) throws InterruptedException {
        final RunningService service;
        try {
            service = start.get();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, name + "-shutdown"));
        service.awaitStop();
        service.close();
        return 0;
    }

    /** The ops server's port, or -1 when it is off. */
    public int opsPort() {
        return ops == null ? -1 : ops.port();
    }

    /** True once every Streams app is RUNNING, waiting at most {@code timeout}. */
    public boolean awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (final StreamsRunner app : apps) {
            if (!app.awaitRunning(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** Blocks until the first app stops (closed, or failed for good). */
    public void awaitStop() throws InterruptedException {
        apps.get(0).awaitStop();
    }

    /** Closes the apps in reverse order of start, then the ops server. */
    @Override
    public void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
        if (ops != null) {
            ops.close();
        }
    }
}
