package io.streamscale.bench;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An HdrHistogram serde, as a DSL {@code aggregate} over histograms needs one: in either HdrHistogram
 * encoding, compressed (what {@code EndpointSignals.latencyHistogram} carries) or raw (larger, cheaper).
 */
public final class HistogramSerde implements Serde<Histogram> {

    /** The two encodings HdrHistogram offers. */
    public enum Encoding { COMPRESSED, RAW }

    private final Encoding encoding;

    public HistogramSerde(final Encoding encoding) {
        this.encoding = encoding;
    }

    public static byte[] encode(final Histogram histogram, final Encoding encoding) {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = encoding == Encoding.COMPRESSED
                ? histogram.encodeIntoCompressedByteBuffer(buffer)
                : histogram.encodeIntoByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    public static Histogram decode(final byte[] bytes, final Encoding encoding) {
        try {
            return encoding == Encoding.COMPRESSED
                    ? Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0)
                    : Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new SerializationException("Not an HdrHistogram in " + encoding + " encoding: " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<Histogram> serializer() {
        return (topic, histogram) -> histogram == null ? null : encode(histogram, encoding);
    }

    @Override
    public Deserializer<Histogram> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, encoding);
    }
}
