package io.streamscale.signals;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * HdrHistogram's own encodings, written with reused buffers and one reused {@link Deflater} (HdrHistogram
 * allocates both on every call): compressed for the {@code latencyHistogram} field, which consumers decode
 * with {@code Histogram.decodeFromCompressedByteBuffer}; plain (run-length, no deflate) for the state
 * store, which is written at every commit. One codec per engine: not thread-safe.
 */
public final class HistogramCodec {

    /** HdrHistogram's compressed format is [cookie][deflated length][deflate(plain encoding)]. */
    private static final int COMPRESSED_COOKIE = compressedCookie();

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private ByteBuffer plain = ByteBuffer.allocate(1024);
    private byte[] deflated = new byte[1024];

    /** The compressed encoding in a new buffer of its exact size, ready to read. */
    ByteBuffer compressed(final AbstractHistogram histogram) {
        final int plainLength = encodePlain(histogram);
        deflater.reset();
        deflater.setInput(plain.array(), 0, plainLength);
        deflater.finish();
        int length = 0;
        while (!deflater.finished()) {
            if (length == deflated.length) {
                deflated = java.util.Arrays.copyOf(deflated, deflated.length * 2);
            }
            length += deflater.deflate(deflated, length, deflated.length - length);
        }
        final ByteBuffer out = ByteBuffer.allocate(8 + length);
        out.putInt(COMPRESSED_COOKIE).putInt(length).put(deflated, 0, length).flip();
        return out;
    }

    /** Room the plain encoding of {@code histogram} may need. */
    static int plainCapacity(final AbstractHistogram histogram) {
        return histogram.getNeededByteBufferCapacity();
    }

    /** Adds a plain encoding, read from {@code source}, into {@code target} (a pooled histogram of the same range). */
    static void addPlain(final ByteBuffer source, final AbstractHistogram target) {
        target.add(IntCountsHistogram.decodeFromByteBuffer(source, target.getHighestTrackableValue()));
    }

    /** Decodes a {@code latencyHistogram} field (microseconds), e.g. to merge windows with {@code add}. */
    public static Histogram decode(final ByteBuffer latencyHistogram) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(latencyHistogram.duplicate(), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("latencyHistogram is not an HdrHistogram compressed encoding", e);
        }
    }

    private int encodePlain(final AbstractHistogram histogram) {
        final int needed = histogram.getNeededByteBufferCapacity();
        if (plain.capacity() < needed) {
            plain = ByteBuffer.allocate(needed);
        }
        plain.clear();
        return histogram.encodeIntoByteBuffer(plain);
    }

    /** The cookie HdrHistogram itself writes, so the format stays exactly the library's. */
    private static int compressedCookie() {
        final IntCountsHistogram sample = new IntCountsHistogram(1, 1000, HistogramPool.SIGNIFICANT_DIGITS);
        final ByteBuffer buffer = ByteBuffer.allocate(sample.getNeededByteBufferCapacity());
        sample.encodeIntoCompressedByteBuffer(buffer);
        return buffer.getInt(0);
    }
}
