package io.streamscale.signals;

import java.util.Arrays;

/**
 * In-flight requests of one series, from arrival time and latency, without keeping the requests.
 *
 * <ul>
 *   <li>A min-heap of the end times of requests still in flight gives, at each arrival, how many are
 *       in flight; the maximum over a window is reached at an arrival (the count only rises at
 *       arrivals) or at the window's start, so {@code concurrencyMax} is exact when a series'
 *       requests arrive in time order. An out-of-order arrival is counted against the requests in
 *       flight at the latest arrival, an upper bound.</li>
 *   <li>The time-weighted mean needs each request's overlap with each window: the part inside its own
 *       window is added at once; what runs past the window's end is kept as a spill (from, end) and
 *       added to each later window when that window closes. Only requests still running at a window
 *       boundary are kept, so the state stays as small as the concurrency itself.</li>
 * </ul>
 */
final class ConcurrencyTracker {

    long[] inFlightEnds = new long[16];
    int inFlight;
    long[] spillFrom = new long[4];
    long[] spillEnd = new long[4];
    int spills;

    /** Records a request [startMicros, endMicros) that arrived in {@code window} ending at windowEndMicros. */
    void arrive(final WindowAccumulator window, final long startMicros, final long endMicros, final long windowEndMicros) {
        while (inFlight > 0 && inFlightEnds[0] <= startMicros) {
            popEarliest();
        }
        push(endMicros);
        if (inFlight > window.concurrencyMax) {
            window.concurrencyMax = inFlight;
        }
        if (endMicros > windowEndMicros) {
            window.busyMicros += windowEndMicros - startMicros;
            addSpill(windowEndMicros, endMicros);
        } else {
            window.busyMicros += endMicros - startMicros;
        }
    }

    /**
     * Adds the requests still running from earlier windows to the closing window [start, end), both in
     * microseconds: their time inside it to busyMicros, their number at its start to the maximum.
     * Drops those that end within it. {@code window} may be a fresh zero window.
     */
    void close(final WindowAccumulator window, final long startMicros, final long endMicros) {
        int carriedAtStart = 0;
        int kept = 0;
        for (int i = 0; i < spills; i++) {
            final long from = spillFrom[i];
            final long end = spillEnd[i];
            if (from <= startMicros && end <= startMicros) {
                continue; // ended in windows that were skipped (catch-up after a stream-time jump)
            }
            if (from <= startMicros) {
                carriedAtStart++;
                window.busyMicros += Math.min(end, endMicros) - startMicros;
                if (end <= endMicros) {
                    continue;
                }
            }
            spillFrom[kept] = from;
            spillEnd[kept] = end;
            kept++;
        }
        spills = kept;
        if (carriedAtStart > window.concurrencyMax) {
            window.concurrencyMax = carriedAtStart;
        }
    }

    boolean isIdle() {
        return spills == 0;
    }

    void restoreSpill(final long from, final long end) {
        addSpill(from, end);
    }

    private void addSpill(final long from, final long end) {
        if (spills == spillFrom.length) {
            spillFrom = Arrays.copyOf(spillFrom, spills * 2);
            spillEnd = Arrays.copyOf(spillEnd, spills * 2);
        }
        spillFrom[spills] = from;
        spillEnd[spills] = end;
        spills++;
    }

    void push(final long end) {
        if (inFlight == inFlightEnds.length) {
            inFlightEnds = Arrays.copyOf(inFlightEnds, inFlight * 2);
        }
        int i = inFlight++;
        while (i > 0) {
            final int parent = (i - 1) >>> 1;
            if (inFlightEnds[parent] <= end) {
                break;
            }
            inFlightEnds[i] = inFlightEnds[parent];
            i = parent;
        }
        inFlightEnds[i] = end;
    }

    private void popEarliest() {
        final long last = inFlightEnds[--inFlight];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= inFlight) {
                break;
            }
            if (child + 1 < inFlight && inFlightEnds[child + 1] < inFlightEnds[child]) {
                child++;
            }
            if (inFlightEnds[child] >= last) {
                break;
            }
            inFlightEnds[i] = inFlightEnds[child];
            i = child;
        }
        inFlightEnds[i] = last;
    }
}
