package io.streamscale.cli.replay;

/**
 * What time a replayed request log carries. A trace recorded in 2023 cannot be sent with its own
 * times to an ingest that rejects records older than a week, and a trace played 5× faster than real
 * time runs ahead of the wall clock unless its times are compressed too.
 */
public enum TimestampMode {
    /**
     * Times compressed by the speed and anchored at the start of the replay, so each record carries
     * the wall-clock time it is sent at (the default: windows downstream see the trace's load pattern
     * speed× denser, and no record is ever in the future). As fast as possible (--max), there is no
     * speed to scale by, so records keep the trace's spacing and the trace ends now.
     */
    SCALED,
    /** The trace's own spacing, anchored so the first record is now (paced) or the last one is now (--max). */
    SHIFTED,
    /** The times in the file, untouched (ingest's ingest.timestamp.max.age.ms must allow them). */
    ORIGINAL;

    /**
     * @param traceMs      the record's time in the trace
     * @param firstTraceMs the first record's time in the trace
     * @param lastTraceMs  the last record's time in the trace
     * @param startWallMs  the wall clock when the replay started
     * @param speed        replay speed; 0 or less means as fast as possible
     */
    public long rewrite(final long traceMs, final long firstTraceMs, final long lastTraceMs, final long startWallMs, final double speed) {
        final boolean paced = speed > 0;
        return switch (this) {
            case ORIGINAL -> traceMs;
            case SCALED -> paced ? startWallMs + Math.round((traceMs - firstTraceMs) / speed) : startWallMs - (lastTraceMs - traceMs);
            case SHIFTED -> paced ? startWallMs + (traceMs - firstTraceMs) : startWallMs - (lastTraceMs - traceMs);
        };
    }
}
