package io.streamscale.bench.jmh;

import io.streamscale.bench.HistogramSerde;
import io.streamscale.bench.SyntheticFleet;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.SignalEngine;
import io.streamscale.signals.SignalSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-record aggregation step alone, in nanoseconds per record, without Kafka: what each design
 * costs for one request log once it has been deserialised.
 *
 * <ul>
 *   <li>{@code naiveCompressed} / {@code naiveRaw}: what the DSL {@code aggregate} with a histogram serde
 *       does per record: read the window's histogram bytes, decode, add one value, encode, write back.</li>
 *   <li>{@code liveHistogram}: a histogram per endpoint kept live in memory and reused across windows:
 *       a map lookup and one increment, the floor any design pays.</li>
 *   <li>{@code signalEngine}: StreamScale's {@link SignalEngine#accept(String, RequestLog, SignalSink)},
 *       the per-record step of the signal topology: every field of the window (counts, histogram,
 *       concurrency, queue depth, per-model series), and the closed windows it emits on the way.</li>
 * </ul>
 *
 * <p>Each invocation runs one "lap" of {@value #LAP} records of the standard 200-endpoint fleet (about
 * 13 s of event time), so windows open and close as in the stream; between laps, outside the timed
 * region, the records move forward in event time by one lap so time never goes backwards.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class AggregationBenchmark {

    /** Records per invocation: 64 Ki, about 13 s of the standard fleet's event time. */
    static final int LAP = 65_536;
    private static final long WINDOW_MS = 10_000;

    private RequestLog[] records;
    private long lapSpanMs;
    private Map<String, NaiveWindow> naiveStore;
    private Map<String, LiveWindow> liveWindows;
    private String[] keys;
    private SignalEngine engine;

    @Setup(Level.Trial)
    public void generate() {
        final SyntheticFleet fleet = SyntheticFleet.standard();
        records = new RequestLog[LAP];
        for (int i = 0; i < LAP; i++) {
            records[i] = fleet.next();
        }
        lapSpanMs = records[LAP - 1].getTimestamp().toEpochMilli() - records[0].getTimestamp().toEpochMilli() + 1;
        keys = new String[LAP];
        for (int i = 0; i < LAP; i++) {
            keys[i] = EndpointKey.of(records[i].getEndpoint(), records[i].getVariant()); // the record key, as Streams hands it over
        }
        engine = new SignalEngine(SignalConfig.DEFAULTS);
        naiveStore = new HashMap<>();
        liveWindows = new HashMap<>();
    }

    /** Moves the lap forward in event time, untimed, so the next invocation sees new windows. */
    @Setup(Level.Invocation)
    public void nextLap() {
        for (final RequestLog record : records) {
            record.setTimestamp(Instant.ofEpochMilli(record.getTimestamp().toEpochMilli() + lapSpanMs));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LAP)
    public void naiveCompressed(final Blackhole blackhole) {
        naive(HistogramSerde.Encoding.COMPRESSED, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(LAP)
    public void naiveRaw(final Blackhole blackhole) {
        naive(HistogramSerde.Encoding.RAW, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(LAP)
    public void liveHistogram(final Blackhole blackhole) {
        for (final RequestLog record : records) {
            final long windowStart = windowStart(record);
            final LiveWindow window = liveWindows.computeIfAbsent(record.getEndpoint(), k -> new LiveWindow());
            if (window.start != windowStart) {
                blackhole.consume(window.histogram.getTotalCount()); // the closed window would be emitted here
                window.histogram.reset();
                window.start = windowStart;
            }
            window.histogram.recordValue(latencyMicros(record));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LAP)
    public void signalEngine(final Blackhole blackhole) {
        final SignalSink sink = new SignalSink() {
            @Override
            public void signals(final EndpointSignals s) {
                blackhole.consume(s);
            }

            @Override
            public void modelSignals(final EndpointSignals s) {
                blackhole.consume(s);
            }
        };
        for (int i = 0; i < LAP; i++) {
            engine.accept(keys[i], records[i], sink);
        }
    }

    private void naive(final HistogramSerde.Encoding encoding, final Blackhole blackhole) {
        for (final RequestLog record : records) {
            final long windowStart = windowStart(record);
            final NaiveWindow stored = naiveStore.get(record.getEndpoint());
            final Histogram histogram = stored == null || stored.start != windowStart
                    ? emptyHistogram() : HistogramSerde.decode(stored.bytes, encoding);
            histogram.recordValue(latencyMicros(record));
            final byte[] bytes = HistogramSerde.encode(histogram, encoding);
            naiveStore.put(record.getEndpoint(), new NaiveWindow(windowStart, bytes));
            blackhole.consume(bytes.length);
        }
    }

    private static long windowStart(final RequestLog record) {
        final long timestamp = record.getTimestamp().toEpochMilli();
        return timestamp - Math.floorMod(timestamp, WINDOW_MS);
    }

    private static long latencyMicros(final RequestLog record) {
        return Math.min(60_000_000L, record.getModelLatencyMicros() + record.getOverheadLatencyMicros());
    }

    private static Histogram emptyHistogram() {
        return new Histogram(60_000_000L, 2);
    }

    private record NaiveWindow(long start, byte[] bytes) {
    }

    private static final class LiveWindow {
        private final Histogram histogram = emptyHistogram();
        private long start = Long.MIN_VALUE;
    }
}
