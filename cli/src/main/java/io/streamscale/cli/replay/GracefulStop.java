package io.streamscale.cli.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a replay: the shutdown hook asks the replay loop to stop and waits (up to 15 s) until
 * it has flushed and closed its producer, so every record reported as sent reached the broker.
 */
final class GracefulStop implements AutoCloseable {

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "replay-shutdown");

    GracefulStop() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    private void stopAndWait() {
        requested = true;
        try {
            finished.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The replay is done (its producer closed): the hook may let the JVM go. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that finished is counted down.
        }
    }
}
