package io.streamscale.signals;

import org.HdrHistogram.AbstractHistogram;

/**
 * The live state of one open window of one series: plain counters and a pooled histogram, updated in
 * place per request, so recording a request allocates nothing.
 */
final class WindowAccumulator {

    long start;
    long count;
    long errors;
    long latencySumMicros;
    long maxLatencyMicros;
    long queueReports;
    long queueDepthSum;
    int queueDepthMax;
    /** Integral of in-flight requests over the window, request-microseconds. */
    long busyMicros;
    int concurrencyMax;
    AbstractHistogram histogram;

    WindowAccumulator(final long start, final AbstractHistogram histogram) {
        this.start = start;
        this.histogram = histogram;
    }

    void record(final long latencyMicros, final boolean serverError, final Integer queueDepth, final long highestTrackable) {
        count++;
        if (serverError) {
            errors++;
        }
        latencySumMicros += latencyMicros;
        if (latencyMicros > maxLatencyMicros) {
            maxLatencyMicros = latencyMicros;
        }
        // Longer than the histogram's range: it still counts, at the top of the range; max stays exact.
        histogram.recordValue(Math.max(1, Math.min(latencyMicros, highestTrackable)));
        if (queueDepth != null) {
            final int depth = Math.max(0, queueDepth);
            queueReports++;
            queueDepthSum += depth;
            if (depth > queueDepthMax) {
                queueDepthMax = depth;
            }
        }
    }
}
