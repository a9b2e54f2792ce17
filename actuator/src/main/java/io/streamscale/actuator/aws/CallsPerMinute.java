package io.streamscale.actuator.aws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A global ceiling on AWS requests: at most {@code limit} in any sliding 60-second window. A caller
 * over the ceiling waits until the oldest request leaves the window, so a burst of decisions (or of
 * SDK retries) can never exceed what the account's API quota was sized for.
 */
public final class CallsPerMinute {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final int limit;
    private final Deque<Long> sentAt = new ArrayDeque<>();
    private long total;

    public CallsPerMinute(final int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("callsPerMinute must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** Blocks until one more request fits under the ceiling, then counts it. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            final long now = System.nanoTime();
            while (!sentAt.isEmpty() && now - sentAt.peekFirst() >= WINDOW_NANOS) {
                sentAt.pollFirst();
            }
            if (sentAt.size() < limit) {
                sentAt.addLast(now);
                total++;
                return;
            }
            final long waitNanos = WINDOW_NANOS - (now - sentAt.peekFirst());
            wait(Math.max(1, waitNanos / 1_000_000), 0);
        }
    }

    /** Requests counted since start, every SDK attempt included. */
    public synchronized long total() {
        return total;
    }
}
