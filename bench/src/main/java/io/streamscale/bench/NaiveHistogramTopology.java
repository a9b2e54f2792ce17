package io.streamscale.bench;

import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The baseline the signal topology must beat, written the way the DSL invites:
 * {@code groupByKey().windowedBy(10 s).aggregate(histogram)}. Every record reads its window's
 * histogram out of the store (deserialise), adds one value, and writes it back (serialise), so the
 * per-record cost is a full histogram encoding, whatever the store cache does.
 */
public final class NaiveHistogramTopology {

    /** 1 µs to 60 s at two significant digits: 1 % resolution, enough for a nearest-rank p95 within 1 %. */
    static final long HIGHEST_LATENCY_MICROS = 60_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;

    private NaiveHistogramTopology() {
    }

    public static Topology build(final Topic<String, RequestLog> input, final HistogramSerde.Encoding encoding) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input.name(), Consumed.with(input.keySerde(), input.valueSerde()).withName("naive-request-logs"))
                .groupByKey(Grouped.with("naive-by-endpoint", input.keySerde(), input.valueSerde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .aggregate(NaiveHistogramTopology::emptyHistogram,
                        (key, log, histogram) -> {
                            histogram.recordValue(Math.min(HIGHEST_LATENCY_MICROS,
                                    log.getModelLatencyMicros() + log.getOverheadLatencyMicros()));
                            return histogram;
                        },
                        Named.as("naive-latency-aggregate"),
                        Materialized.<String, Histogram, WindowStore<Bytes, byte[]>>as("naive-latency-histograms")
                                .withKeySerde(input.keySerde())
                                .withValueSerde(new HistogramSerde(encoding)));
        return builder.build();
    }

    static Histogram emptyHistogram() {
        return new Histogram(HIGHEST_LATENCY_MICROS, SIGNIFICANT_DIGITS);
    }
}
