package io.streamscale.signals;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Turns request logs into one {@link EndpointSignals} per endpoint variant per closed window, in
 * pure Java: the same code runs in the Kafka Streams topology (one engine per task), in backtests and
 * in benchmarks.
 *
 * <p>Rule: for every endpoint variant and every epoch-aligned event-time window [start, start + size),
 * emit once, when {@code windowEnd + grace <= streamTime}, the window's count, rps, 5xx share,
 * latency percentiles, concurrency, queue depth, capacity and trend. Stream time is the highest
 * request timestamp seen (or what {@link #advanceTo} sets). Windows of one variant come out contiguous:
 * a gap in its traffic is filled with zero windows, and a variant with a policy
 * ({@link #registerEndpoint}) gets zero windows even before its first request. A request whose window
 * has already been emitted is late: it is in no window and is counted in {@code lateRecords} of the
 * variant's next window.
 *
 * <p>Per request the engine does a map lookup, a few counter updates and one histogram increment on
 * live, pooled state; it allocates nothing in the steady state. Not thread-safe: one engine per task.
 */
public final class SignalEngine {

    /** A day: longer latencies are bad data, and would overflow the microsecond arithmetic. */
    static final long MAX_PLAUSIBLE_LATENCY_MICROS = 86_400_000_000L;

    /** Store key of the engine's clock; never an endpoint key (those hold a slash). */
    static final String CLOCK_KEY = "";

    private final SignalConfig config;
    private final long sizeMs;
    private final long graceMs;
    private final double windowSeconds;
    private final double forecastWindowsAhead;
    private final HistogramPool pool;
    private final HistogramCodec codec = new HistogramCodec();
    private final EngineSnapshots snapshots = new EngineSnapshots();
    private final ByteBuffer emptyHistogram;
    private final WindowAccumulator zeroWindow = new WindowAccumulator(0, null);
    private final Map<String, EndpointState> endpoints = new HashMap<>();
    private final ArrayList<EndpointState> dirty = new ArrayList<>();
    private final Set<String> forgotten = new LinkedHashSet<>();
    private long streamTime = Series.UNSET;
    private long closedBoundary = Series.UNSET;
    /** Start of the first window this engine ever had open: where registered endpoints' windows begin. */
    private long firstWindowStart = Series.UNSET;
    private boolean clockDirty;
    private long lateRecordsTotal;

    public SignalEngine(final SignalConfig config) {
        this.config = config;
        this.sizeMs = config.windowSizeMs();
        this.graceMs = config.graceMs();
        this.windowSeconds = sizeMs / 1000.0;
        this.forecastWindowsAhead = (double) config.forecastHorizon().toMillis() / sizeMs;
        this.pool = new HistogramPool(config.maxLatency().toNanos() / 1000);
        this.emptyHistogram = codec.compressed(pool.take());
    }

    public SignalConfig config() {
        return config;
    }

    /** Highest event time seen, epoch ms; {@code Long.MIN_VALUE} before the first request. */
    public long streamTime() {
        return streamTime;
    }

    /** Late requests since the engine started (or was restored), for metrics. */
    public long lateRecordsTotal() {
        return lateRecordsTotal;
    }

    /** Adds one request to its window (or counts it late), after closing what its timestamp closes. */
    public void accept(final RequestLog log, final SignalSink sink) {
        accept(EndpointKey.of(log.getEndpoint(), log.getVariant()), log, sink);
    }

    /** As {@link #accept(RequestLog, SignalSink)}, with the record's key ({@code endpoint/variant}) given. */
    public void accept(final String key, final RequestLog log, final SignalSink sink) {
        final long timestamp = log.getTimestamp().toEpochMilli();
        final EndpointState state = endpointFor(key, log.getEndpoint(), log.getVariant());
        touch(state);
        // Bad values never stop the stream: a negative latency counts as zero, an absurd one as a day.
        final long latencyMicros = Math.min(MAX_PLAUSIBLE_LATENCY_MICROS,
                plausible(log.getModelLatencyMicros()) + plausible(log.getOverheadLatencyMicros()));
        final boolean serverError = log.getStatusCode() >= 500 && log.getStatusCode() <= 599;
        final Integer queueDepth = log.getQueueDepth();
        if (!record(state.series, timestamp, latencyMicros, serverError, queueDepth)) {
            lateRecordsTotal++;
        }
        final String model = log.getTargetModel();
        if (model != null && !model.isEmpty()) {
            record(state.model(model, config.slopeLookbackWindows()), timestamp, latencyMicros, serverError, queueDepth);
        }
        // After recording: the request's own window can never close at its own timestamp (end + grace > it),
        // and a series' first window is then already open when stream time first closes anything.
        advanceTo(timestamp, sink);
    }

    /** A policy exists for the variant: it gets zero windows from now on; its minimum is the default capacity. */
    public void registerEndpoint(final String endpoint, final String variant, final int defaultCapacity) {
        final EndpointState state = endpointFor(EndpointKey.of(endpoint, variant), endpoint, variant);
        state.registered = true;
        state.policyCapacity = Math.max(0, defaultCapacity);
        if (state.series.nextEmitStart == Series.UNSET && state.series.open.isEmpty() && firstWindowStart != Series.UNSET) {
            // Registered after stream time began: its zero windows start where every other series could
            // have started, not at whatever window happened to be open when the policy was read. That
            // keeps the output independent of how Streams interleaves the policy and request topics.
            state.series.nextEmitStart = firstWindowStart;
        }
        touch(state);
    }

    /** The policy was removed: zero windows stop once the variant has been idle long enough. */
    public void unregisterEndpoint(final String endpoint, final String variant) {
        final EndpointState state = endpoints.get(EndpointKey.of(endpoint, variant));
        if (state != null) {
            state.registered = false;
            state.policyCapacity = 0;
            touch(state);
        }
    }

    /** Capacity in force (CurrentInstanceCount); a value below 1 means unknown again. */
    public void capacity(final String endpoint, final String variant, final int capacity) {
        final EndpointState state = endpointFor(EndpointKey.of(endpoint, variant), endpoint, variant);
        state.observedCapacity = Math.max(0, capacity);
        touch(state);
    }

    /**
     * Emits every window that stream time has already closed and that is still due: nothing for series
     * that are up to date, the past zero windows of a variant registered after stream time moved on.
     */
    public void emitClosed(final SignalSink sink) {
        if (firstWindowStart != Series.UNSET) {
            closeUpTo(closedBoundary, sink);
        }
    }

    /** Moves stream time forward to {@code streamTimeMs} (never back), emitting every window that closes. */
    public void advanceTo(final long streamTimeMs, final SignalSink sink) {
        if (streamTimeMs <= streamTime) {
            return;
        }
        streamTime = streamTimeMs;
        clockDirty = true;
        final long boundary = Math.floorDiv(streamTimeMs - graceMs, sizeMs) * sizeMs;
        if (boundary > closedBoundary) {
            if (firstWindowStart == Series.UNSET) {
                firstWindowStart = boundary;
            }
            closedBoundary = boundary;
            closeUpTo(boundary, sink);
        }
    }

    /** Closes every open window now, as if stream time had passed them all (end of a trace). */
    public void finish(final SignalSink sink) {
        long lastEnd = closedBoundary;
        for (final EndpointState state : endpoints.values()) {
            lastEnd = Math.max(lastEnd, lastOpenEnd(state.series));
            for (final Series model : state.models.values()) {
                lastEnd = Math.max(lastEnd, lastOpenEnd(model));
            }
        }
        if (lastEnd > closedBoundary) {
            advanceTo(lastEnd + graceMs, sink);
        }
    }

    private long lastOpenEnd(final Series series) {
        return series.open.isEmpty() ? Series.UNSET : series.open.get(series.open.size() - 1).start + sizeMs;
    }

    private static long plausible(final long latencyMicros) {
        return Math.min(MAX_PLAUSIBLE_LATENCY_MICROS, Math.max(0, latencyMicros));
    }

    /** @return false when the request was late */
    private boolean record(final Series series, final long timestamp, final long latencyMicros, final boolean serverError,
            final Integer queueDepth) {
        final long windowStart = timestamp - Math.floorMod(timestamp, sizeMs);
        final long windowEnd = windowStart + sizeMs;
        if (windowEnd <= closedBoundary || (series.nextEmitStart != Series.UNSET && windowStart < series.nextEmitStart)) {
            series.lateSinceEmit++;
            return false;
        }
        final WindowAccumulator window = series.window(windowStart, pool);
        window.record(latencyMicros, serverError, queueDepth, pool.highestTrackableMicros());
        final long startMicros = timestamp * 1000;
        series.concurrency.arrive(window, startMicros, startMicros + latencyMicros, windowEnd * 1000);
        series.idleWindows = 0;
        return true;
    }

    private void closeUpTo(final long boundary, final SignalSink sink) {
        final Iterator<EndpointState> states = endpoints.values().iterator();
        while (states.hasNext()) {
            final EndpointState state = states.next();
            touch(state);
            final boolean variantIdle = close(state, state.series, boundary, sink, state.registered);
            final Iterator<Series> models = state.models.values().iterator();
            while (models.hasNext()) {
                if (close(state, models.next(), boundary, sink, false)) {
                    models.remove();
                }
            }
            if (variantIdle && state.models.isEmpty() && state.observedCapacity == 0) {
                states.remove();
                dirty.remove(state);
                state.dirty = false;
                forgotten.add(state.key);
            }
        }
    }

    /**
     * Emits the series' windows that end at or before {@code boundary}, contiguous, zero windows in gaps.
     *
     * @return true when the series has been idle long enough to be forgotten
     */
    private boolean close(final EndpointState state, final Series series, final long boundary, final SignalSink sink,
            final boolean keepForever) {
        if (series.nextEmitStart == Series.UNSET) {
            if (series.open.isEmpty() && !keepForever) {
                return false; // known only from endpoint-capacity: no windows until traffic or a policy
            }
            // First close the series takes part in: it starts with its first traffic, or (registered, no
            // traffic yet) with the engine's first window.
            series.nextEmitStart = series.open.isEmpty() ? firstWindowStart : series.open.get(0).start;
        }
        while (series.nextEmitStart + sizeMs <= boundary) {
            final long start = series.nextEmitStart;
            final WindowAccumulator first = series.open.isEmpty() ? null : series.open.get(0);
            if (first != null && first.start == start) {
                series.open.remove(0);
                emit(state, series, first, sink);
                pool.give(first.histogram);
                first.histogram = null;
                series.idleWindows = 0;
            } else {
                if (!keepForever && isIdle(series)) {
                    // Forgotten (or silent until traffic resumes): no zero windows, and nothing before now reopens.
                    series.nextEmitStart = boundary;
                    return true;
                }
                final long gapEnd = first == null ? boundary : Math.min(first.start, boundary);
                if ((gapEnd - start) / sizeMs > config.maxCatchUpWindows()) {
                    // A jump in stream time: skip all but the last maxCatchUpWindows zero windows of the gap.
                    series.nextEmitStart = gapEnd - config.maxCatchUpWindows() * sizeMs;
                    continue;
                }
                zeroWindow.start = start;
                emit(state, series, zeroWindow, sink);
                series.idleWindows++;
            }
            series.nextEmitStart = start + sizeMs;
        }
        return !keepForever && isIdle(series);
    }

    private boolean isIdle(final Series series) {
        return series.open.isEmpty() && series.idleWindows >= config.idleEvictionWindows() && series.concurrency.isIdle()
                && series.lateSinceEmit == 0;
    }

    private void emit(final EndpointState state, final Series series, final WindowAccumulator window, final SignalSink sink) {
        final long start = window.start;
        final long end = start + sizeMs;
        if (window == zeroWindow) {
            resetZeroWindow();
        }
        series.concurrency.close(window, start * 1000, end * 1000);
        final long count = window.count;
        final double rps = count / windowSeconds;
        series.trend.add(rps, config.holtAlpha(), config.holtBeta());
        final int capacity = state.capacityInForce(config.defaultCapacity());
        final double[] percentiles = percentilesMs(window);
        final double maxMs = window.maxLatencyMicros / 1000.0;
        final EndpointSignals signals = new EndpointSignals(series.endpoint, series.variant, series.model,
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), count, rps, window.errors,
                count == 0 ? 0.0 : (double) window.errors / count,
                percentiles[0], percentiles[1], percentiles[2], percentiles[3], maxMs,
                count == 0 ? 0.0 : window.latencySumMicros / 1000.0 / count,
                window.busyMicros / (sizeMs * 1000.0), (double) window.concurrencyMax,
                window.queueReports == 0 ? null : window.queueDepthMax,
                window.queueReports == 0 ? null : (double) window.queueDepthSum / window.queueReports,
                capacity, count * (60_000.0 / sizeMs) / capacity,
                series.trend.slope(windowSeconds), series.trend.forecast(forecastWindowsAhead),
                config.forecastHorizon().toMillis(), series.lateSinceEmit,
                count == 0 ? emptyHistogram.duplicate() : codec.compressed(window.histogram));
        series.lateSinceEmit = 0;
        if (series.model == null) {
            sink.signals(signals);
        } else {
            sink.modelSignals(signals);
        }
    }

    private void resetZeroWindow() {
        zeroWindow.count = 0;
        zeroWindow.errors = 0;
        zeroWindow.latencySumMicros = 0;
        zeroWindow.maxLatencyMicros = 0;
        zeroWindow.queueReports = 0;
        zeroWindow.queueDepthSum = 0;
        zeroWindow.queueDepthMax = 0;
        zeroWindow.busyMicros = 0;
        zeroWindow.concurrencyMax = 0;
    }

    /** Nearest-rank p50, p90, p95, p99 in ms, in one pass; never above the exact maximum. */
    private static double[] percentilesMs(final WindowAccumulator window) {
        final double[] result = new double[4];
        if (window.count == 0) {
            return result;
        }
        final AbstractHistogram histogram = window.histogram;
        final long total = histogram.getTotalCount();
        // Nearest rank: the smallest value with at least ceil(p/100 * n) values at or below it, in integers.
        final long[] ranks = {(total * 50 + 99) / 100, (total * 90 + 99) / 100, (total * 95 + 99) / 100,
            (total * 99 + 99) / 100};
        int next = 0;
        long cumulative = 0;
        for (final HistogramIterationValue value : histogram.recordedValues()) {
            cumulative += value.getCountAtValueIteratedTo();
            while (next < ranks.length && cumulative >= Math.max(1, ranks[next])) {
                final long upper = Math.min(histogram.highestEquivalentValue(value.getValueIteratedTo()), window.maxLatencyMicros);
                result[next++] = upper / 1000.0;
            }
            if (next == ranks.length) {
                break;
            }
        }
        return result;
    }

    // ---- state for the topology's store: snapshots of changed endpoints, written at commit ----

    /**
     * Hands out what changed since the last call: a snapshot per changed endpoint, {@code null} for
     * forgotten ones, and the clock under {@link #CLOCK_KEY}.
     */
    void drainChanges(final BiConsumer<String, byte[]> put) {
        for (final EndpointState state : dirty) {
            state.dirty = false;
            put.accept(state.key, snapshots.encode(state));
        }
        dirty.clear();
        for (final String key : forgotten) {
            put.accept(key, null);
        }
        forgotten.clear();
        if (clockDirty) {
            clockDirty = false;
            put.accept(CLOCK_KEY, EngineSnapshots.encodeClock(streamTime, closedBoundary, firstWindowStart));
        }
    }

    /** Puts back one entry written by {@link #drainChanges}, after a restart. */
    void restore(final String key, final byte[] snapshot) {
        if (CLOCK_KEY.equals(key)) {
            final long[] clock = EngineSnapshots.decodeClock(snapshot);
            streamTime = clock[0];
            closedBoundary = clock[1];
            firstWindowStart = clock[2];
            return;
        }
        endpoints.put(key, EngineSnapshots.decode(key, snapshot, config.slopeLookbackWindows(), pool));
    }

    private EndpointState endpointFor(final String key, final String endpoint, final String variant) {
        EndpointState state = endpoints.get(key);
        if (state == null) {
            state = new EndpointState(key, endpoint, variant == null || variant.isEmpty() ? EndpointKey.DEFAULT_VARIANT : variant,
                    config.slopeLookbackWindows());
            endpoints.put(key, state);
            forgotten.remove(key);
        }
        return state;
    }

    private void touch(final EndpointState state) {
        if (!state.dirty) {
            state.dirty = true;
            dirty.add(state);
        }
    }
}
