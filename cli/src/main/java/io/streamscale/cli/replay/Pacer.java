package io.streamscale.cli.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds each record back until its moment: the trace's time since its first record, divided by the
 * speed, after the replay started. Waits are absolute (not sleep per record), so rounding never
 * accumulates and a late record is sent at once without dragging the rest.
 */
final class Pacer {

    /** Nanosecond clock and sleep, replaceable in tests. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(final long nanos) throws InterruptedException {
            LockSupport.parkNanos(nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    };

    private final double speed;
    private final Clock clock;
    private final long startNanos;
    private final long firstTraceMs;

    /** @param speed 0 or less: as fast as possible */
    Pacer(final double speed, final Clock clock, final long firstTraceMs) {
        this.speed = speed;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.firstTraceMs = firstTraceMs;
    }

    /** Nanoseconds after the start at which a record of this trace time is due. */
    long dueNanos(final long traceMs) {
        return speed <= 0 ? 0 : Math.round((traceMs - firstTraceMs) * 1_000_000.0 / speed);
    }

    void awaitTurn(final long traceMs) throws InterruptedException {
        awaitTurn(traceMs, () -> false);
    }

    /**
     * Waits for the record's moment in slices of at most 100 ms, so a stop request (Ctrl-C) is seen
     * quickly even inside a long quiet stretch of the trace.
     *
     * @return false when stopped before the moment came
     */
    boolean awaitTurn(final long traceMs, final java.util.function.BooleanSupplier stopRequested) throws InterruptedException {
        if (speed <= 0) {
            return !stopRequested.getAsBoolean();
        }
        final long due = startNanos + dueNanos(traceMs);
        long wait;
        while ((wait = due - clock.nanoTime()) > 0) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            clock.sleepNanos(Math.min(wait, MAX_SLICE_NANOS));
        }
        return !stopRequested.getAsBoolean();
    }

    private static final long MAX_SLICE_NANOS = 100_000_000L;

    long elapsedNanos() {
        return clock.nanoTime() - startNanos;
    }
}
