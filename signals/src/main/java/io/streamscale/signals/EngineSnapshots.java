package io.streamscale.signals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The binary form of one endpoint's live state in the signals store: written only at commit, read only
 * after a restart. Version byte first, so a later layout can still read this one.
 */
final class EngineSnapshots {

    private static final byte VERSION = 1;

    private EngineSnapshots() {
    }

    static byte[] encode(final EndpointState state) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(state.series.endpoint);
            out.writeUTF(state.series.variant);
            out.writeBoolean(state.registered);
            out.writeInt(state.policyCapacity);
            out.writeInt(state.observedCapacity);
            writeSeries(out, state.series);
            out.writeInt(state.models.size());
            for (final Map.Entry<String, Series> model : state.models.entrySet()) {
                out.writeUTF(model.getKey());
                writeSeries(out, model.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static EndpointState decode(final String key, final byte[] snapshot, final int lookback, final HistogramPool pool) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            final byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("signals state of " + key + " has unknown layout version " + version);
            }
            final EndpointState state = new EndpointState(key, in.readUTF(), in.readUTF(), lookback);
            state.registered = in.readBoolean();
            state.policyCapacity = in.readInt();
            state.observedCapacity = in.readInt();
            readSeries(in, state.series, pool);
            final int models = in.readInt();
            for (int i = 0; i < models; i++) {
                readSeries(in, state.model(in.readUTF(), lookback), pool);
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("signals state of " + key + " is unreadable", e);
        }
    }

    static byte[] encodeClock(final long streamTime, final long closedBoundary) {
        return java.nio.ByteBuffer.allocate(17).put(VERSION).putLong(streamTime).putLong(closedBoundary).array();
    }

    static long[] decodeClock(final byte[] bytes) {
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        buffer.get();
        return new long[] {buffer.getLong(), buffer.getLong()};
    }

    private static void writeSeries(final DataOutputStream out, final Series series) throws IOException {
        out.writeLong(series.nextEmitStart);
        out.writeLong(series.lateSinceEmit);
        out.writeInt(series.idleWindows);
        final RpsTrend trend = series.trend;
        out.writeInt(trend.size);
        final int first = (trend.next - trend.size + trend.recent.length) % trend.recent.length;
        for (int i = 0; i < trend.size; i++) {
            out.writeDouble(trend.recent[(first + i) % trend.recent.length]);
        }
        out.writeBoolean(trend.started);
        out.writeDouble(trend.level);
        out.writeDouble(trend.trend);
        final ConcurrencyTracker concurrency = series.concurrency;
        out.writeInt(concurrency.inFlight);
        for (int i = 0; i < concurrency.inFlight; i++) {
            out.writeLong(concurrency.inFlightEnds[i]);
        }
        out.writeInt(concurrency.spills);
        for (int i = 0; i < concurrency.spills; i++) {
            out.writeLong(concurrency.spillFrom[i]);
            out.writeLong(concurrency.spillEnd[i]);
        }
        out.writeInt(series.open.size());
        for (final WindowAccumulator window : series.open) {
            out.writeLong(window.start);
            out.writeLong(window.count);
            out.writeLong(window.errors);
            out.writeLong(window.latencySumMicros);
            out.writeLong(window.maxLatencyMicros);
            out.writeLong(window.queueReports);
            out.writeLong(window.queueDepthSum);
            out.writeInt(window.queueDepthMax);
            out.writeLong(window.busyMicros);
            out.writeInt(window.concurrencyMax);
            final byte[] histogram = HistogramCodec.plain(window.histogram);
            out.writeInt(histogram.length);
            out.write(histogram);
        }
    }

    private static void readSeries(final DataInputStream in, final Series series, final HistogramPool pool) throws IOException {
        series.nextEmitStart = in.readLong();
        series.lateSinceEmit = in.readLong();
        series.idleWindows = in.readInt();
        final int kept = in.readInt();
        for (int i = 0; i < kept; i++) {
            final double rps = in.readDouble();
            // Refill the ring in order without touching Holt's state, which is read next.
            series.trend.recent[series.trend.next] = rps;
            series.trend.next = (series.trend.next + 1) % series.trend.recent.length;
            series.trend.size = Math.min(series.trend.size + 1, series.trend.recent.length);
        }
        series.trend.started = in.readBoolean();
        series.trend.level = in.readDouble();
        series.trend.trend = in.readDouble();
        final int inFlight = in.readInt();
        for (int i = 0; i < inFlight; i++) {
            series.concurrency.push(in.readLong());
        }
        final int spills = in.readInt();
        for (int i = 0; i < spills; i++) {
            final long from = in.readLong();
            final long end = in.readLong();
            series.concurrency.restoreSpill(from, end);
        }
        final int windows = in.readInt();
        for (int i = 0; i < windows; i++) {
            final WindowAccumulator window = new WindowAccumulator(in.readLong(), pool.take());
            window.count = in.readLong();
            window.errors = in.readLong();
            window.latencySumMicros = in.readLong();
            window.maxLatencyMicros = in.readLong();
            window.queueReports = in.readLong();
            window.queueDepthSum = in.readLong();
            window.queueDepthMax = in.readInt();
            window.busyMicros = in.readLong();
            window.concurrencyMax = in.readInt();
            final byte[] histogram = new byte[in.readInt()];
            in.readFully(histogram);
            HistogramCodec.addPlain(histogram, window.histogram);
            series.open.add(window);
        }
    }
}
