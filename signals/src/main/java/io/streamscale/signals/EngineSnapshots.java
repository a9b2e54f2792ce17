package io.streamscale.signals;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The binary form of one endpoint's live state in the signals store: written only at commit (into one
 * reused buffer, histograms in HdrHistogram's plain encoding), read only after a restart. Version byte
 * first, so a later layout can still read this one. One instance per engine: not thread-safe.
 */
final class EngineSnapshots {

    private static final byte VERSION = 1;

    private ByteBuffer out = ByteBuffer.allocate(64 * 1024);

    byte[] encode(final EndpointState state) {
        out.clear();
        out.put(VERSION);
        putString(state.series.endpoint);
        putString(state.series.variant);
        room(9);
        out.put((byte) (state.registered ? 1 : 0));
        out.putInt(state.policyCapacity);
        out.putInt(state.observedCapacity);
        putSeries(state.series);
        room(4);
        out.putInt(state.models.size());
        for (final Map.Entry<String, Series> model : state.models.entrySet()) {
            putString(model.getKey());
            putSeries(model.getValue());
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    static EndpointState decode(final String key, final byte[] snapshot, final int lookback, final HistogramPool pool) {
        final ByteBuffer in = ByteBuffer.wrap(snapshot);
        try {
            final byte version = in.get();
            if (version != VERSION) {
                throw new IllegalStateException("signals state of " + key + " has unknown layout version " + version);
            }
            final EndpointState state = new EndpointState(key, getString(in), getString(in), lookback);
            state.registered = in.get() != 0;
            state.policyCapacity = in.getInt();
            state.observedCapacity = in.getInt();
            getSeries(in, state.series, pool);
            final int models = in.getInt();
            for (int i = 0; i < models; i++) {
                getSeries(in, state.model(getString(in), lookback), pool);
            }
            return state;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("signals state of " + key + " is unreadable", e);
        }
    }

    static byte[] encodeClock(final long streamTime, final long closedBoundary, final long firstWindowStart) {
        return ByteBuffer.allocate(25).put(VERSION).putLong(streamTime).putLong(closedBoundary).putLong(firstWindowStart)
                .array();
    }

    static long[] decodeClock(final byte[] bytes) {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        return new long[] {buffer.getLong(), buffer.getLong(), buffer.getLong()};
    }

    private void putSeries(final Series series) {
        final RpsTrend trend = series.trend;
        final ConcurrencyTracker concurrency = series.concurrency;
        room(20 + 4 + trend.size * 8 + 17 + 4 + concurrency.inFlight * 8 + 4 + concurrency.spills * 16 + 4);
        out.putLong(series.nextEmitStart);
        out.putLong(series.lateSinceEmit);
        out.putInt(series.idleWindows);
        out.putInt(trend.size);
        final int first = (trend.next - trend.size + trend.recent.length) % trend.recent.length;
        for (int i = 0; i < trend.size; i++) {
            out.putDouble(trend.recent[(first + i) % trend.recent.length]);
        }
        out.put((byte) (trend.started ? 1 : 0));
        out.putDouble(trend.level);
        out.putDouble(trend.trend);
        out.putInt(concurrency.inFlight);
        for (int i = 0; i < concurrency.inFlight; i++) {
            out.putLong(concurrency.inFlightEnds[i]);
        }
        out.putInt(concurrency.spills);
        for (int i = 0; i < concurrency.spills; i++) {
            out.putLong(concurrency.spillFrom[i]);
            out.putLong(concurrency.spillEnd[i]);
        }
        out.putInt(series.open.size());
        for (final WindowAccumulator window : series.open) {
            room(8 * 8 + 4 * 2 + 4 + HistogramCodec.plainCapacity(window.histogram));
            out.putLong(window.start);
            out.putLong(window.count);
            out.putLong(window.errors);
            out.putLong(window.latencySumMicros);
            out.putLong(window.maxLatencyMicros);
            out.putLong(window.queueReports);
            out.putLong(window.queueDepthSum);
            out.putInt(window.queueDepthMax);
            out.putLong(window.busyMicros);
            out.putInt(window.concurrencyMax);
            window.histogram.encodeIntoByteBuffer(out);
        }
    }

    private static void getSeries(final ByteBuffer in, final Series series, final HistogramPool pool) {
        series.nextEmitStart = in.getLong();
        series.lateSinceEmit = in.getLong();
        series.idleWindows = in.getInt();
        final RpsTrend trend = series.trend;
        final int kept = in.getInt();
        for (int i = 0; i < kept; i++) {
            // Refill the ring in order without touching Holt's state, which is read next.
            trend.recent[trend.next] = in.getDouble();
            trend.next = (trend.next + 1) % trend.recent.length;
            trend.size = Math.min(trend.size + 1, trend.recent.length);
        }
        trend.started = in.get() != 0;
        trend.level = in.getDouble();
        trend.trend = in.getDouble();
        final int inFlight = in.getInt();
        for (int i = 0; i < inFlight; i++) {
            series.concurrency.push(in.getLong());
        }
        final int spills = in.getInt();
        for (int i = 0; i < spills; i++) {
            final long from = in.getLong();
            series.concurrency.restoreSpill(from, in.getLong());
        }
        final int windows = in.getInt();
        for (int i = 0; i < windows; i++) {
            final WindowAccumulator window = new WindowAccumulator(in.getLong(), pool.take());
            window.count = in.getLong();
            window.errors = in.getLong();
            window.latencySumMicros = in.getLong();
            window.maxLatencyMicros = in.getLong();
            window.queueReports = in.getLong();
            window.queueDepthSum = in.getLong();
            window.queueDepthMax = in.getInt();
            window.busyMicros = in.getLong();
            window.concurrencyMax = in.getInt();
            HistogramCodec.addPlain(in, window.histogram);
            series.open.add(window);
        }
    }

    private void putString(final String value) {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        room(4 + bytes.length);
        out.putInt(bytes.length).put(bytes);
    }

    private static String getString(final ByteBuffer in) {
        final byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Grows the buffer (keeping what is written) so {@code bytes} more fit. */
    private void room(final int bytes) {
        if (out.remaining() < bytes) {
            final ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }
}
