package io.streamscale.signals;

import java.util.ArrayList;

/**
 * One stream of windows: an endpoint variant, or one model of a multi-model endpoint. Holds its open
 * windows in start order (usually one, two while a window is in its grace period), the start of the
 * next window to emit (so windows come out contiguous, zero windows filling gaps), late records since
 * the last emitted window, and its trend and concurrency state.
 */
final class Series {

    static final long UNSET = Long.MIN_VALUE;

    final String endpoint;
    final String variant;
    /** Null for the variant's own series. */
    final String model;
    final ArrayList<WindowAccumulator> open = new ArrayList<>(4);
    final RpsTrend trend;
    final ConcurrencyTracker concurrency = new ConcurrencyTracker();
    long nextEmitStart = UNSET;
    long lateSinceEmit;
    /** Zero windows emitted in a row; an unregistered series is forgotten after enough of them. */
    int idleWindows;

    Series(final String endpoint, final String variant, final String model, final int lookback) {
        this.endpoint = endpoint;
        this.variant = variant;
        this.model = model;
        this.trend = new RpsTrend(lookback);
    }

    /** The open window starting at {@code start}, opened from the pool when it is new. */
    WindowAccumulator window(final long start, final HistogramPool pool) {
        // Almost every request belongs to the newest window: look there first.
        for (int i = open.size() - 1; i >= 0; i--) {
            final WindowAccumulator candidate = open.get(i);
            if (candidate.start == start) {
                return candidate;
            }
            if (candidate.start < start) {
                final WindowAccumulator opened = new WindowAccumulator(start, pool.take());
                open.add(i + 1, opened);
                return opened;
            }
        }
        final WindowAccumulator opened = new WindowAccumulator(start, pool.take());
        open.add(0, opened);
        return opened;
    }
}
