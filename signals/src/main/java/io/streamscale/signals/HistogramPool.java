package io.streamscale.signals;

import java.util.ArrayDeque;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Latency histograms, reused across windows: a window takes one when its first request arrives and
 * gives it back when it closes, so steady traffic allocates no histograms at all. Each resolves one
 * microsecond up to the configured maximum latency with two significant digits (a recorded value is
 * off by at most 1/128, under 0.8 %), in int counts: about 12 KB each for a ten-minute range.
 */
final class HistogramPool {

    /** Two significant digits: buckets at most 1/128 wide, so nearest-rank percentiles stay within 1 %. */
    static final int SIGNIFICANT_DIGITS = 2;
    private static final int MAX_POOLED = 4096;

    private final long highestTrackableMicros;
    private final ArrayDeque<AbstractHistogram> free = new ArrayDeque<>();

    HistogramPool(final long highestTrackableMicros) {
        this.highestTrackableMicros = highestTrackableMicros;
    }

    long highestTrackableMicros() {
        return highestTrackableMicros;
    }

    AbstractHistogram take() {
        final AbstractHistogram pooled = free.poll();
        return pooled != null ? pooled : new IntCountsHistogram(1, highestTrackableMicros, SIGNIFICANT_DIGITS);
    }

    void give(final AbstractHistogram histogram) {
        if (histogram != null && free.size() < MAX_POOLED) {
            histogram.reset();
            free.push(histogram);
        }
    }
}
