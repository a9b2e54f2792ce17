package io.streamscale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HistogramSerdeTest {

    @ParameterizedTest
    @EnumSource(HistogramSerde.Encoding.class)
    void roundTripsAHistogram(final HistogramSerde.Encoding encoding) {
        final Histogram histogram = NaiveHistogramTopology.emptyHistogram();
        for (long v = 1_000; v < 2_000_000; v += 997) {
            histogram.recordValue(v);
        }
        final HistogramSerde serde = new HistogramSerde(encoding);

        final Histogram back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", histogram));

        assertThat(back).isEqualTo(histogram);
        assertThat(back.getValueAtPercentile(95)).isEqualTo(histogram.getValueAtPercentile(95));
    }

    @ParameterizedTest
    @EnumSource(HistogramSerde.Encoding.class)
    void garbageIsASerializationErrorNamingTheEncoding(final HistogramSerde.Encoding encoding) {
        assertThatThrownBy(() -> new HistogramSerde(encoding).deserializer().deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class).hasMessageContaining(encoding.name());
    }
}
