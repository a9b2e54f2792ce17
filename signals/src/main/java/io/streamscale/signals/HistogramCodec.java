package io.streamscale.signals;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * HdrHistogram's own encodings: compressed for the {@code latencyHistogram} field (what consumers
 * decode with {@code Histogram.decodeFromCompressedByteBuffer}), plain (run-length, no deflate, cheaper
 * to write at every commit) for the state store.
 */
public final class HistogramCodec {

    private HistogramCodec() {
    }

    /** The compressed encoding, ready to read (position 0). */
    public static ByteBuffer compressed(final AbstractHistogram histogram) {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoCompressedByteBuffer(buffer);
        buffer.flip();
        return buffer;
    }

    /** Decodes a {@code latencyHistogram} field (microseconds), e.g. to merge windows with {@code add}. */
    public static Histogram decode(final ByteBuffer latencyHistogram) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(latencyHistogram.duplicate(), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("latencyHistogram is not an HdrHistogram compressed encoding", e);
        }
    }

    static byte[] plain(final AbstractHistogram histogram) {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /** Adds a plain encoding into {@code target} (a pooled histogram of the same range). */
    static void addPlain(final byte[] bytes, final AbstractHistogram target) {
        target.add(IntCountsHistogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), target.getHighestTrackableValue()));
    }
}
