package io.streamscale.bench;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic stream of {@link RequestLog} records from a fleet of SageMaker endpoints, shaped like
 * production traffic rather than like a micro-benchmark:
 * <ul>
 *   <li>{@code endpoints} endpoint variants with Zipf-like popularity (the busiest gets about 7 % of
 *       the traffic with 200 endpoints), so partitions and keys are not uniform;</li>
 *   <li>each endpoint has its own median model latency, log-uniform between 5 ms (small classifiers)
 *       and 400 ms (generative models); latencies are lognormal around it (sigma 0.6) and 1 % of
 *       requests hit a long tail 5 to 20 times slower; SageMaker overhead adds 1 to 5 ms;</li>
 *   <li>0.3 % of requests answer 5xx and 0.5 % 4xx;</li>
 *   <li>one endpoint in three reports a queue depth; one in twenty is a multi-model endpoint with
 *       eight target models; endpoints slower than 150 ms report token counts;</li>
 *   <li>arrival times advance at {@code fleetRps} requests per second of event time, each record up to
 *       200 ms early or late, as when several gateways batch their logs.</li>
 * </ul>
 * The same seed gives the same records, so runs compare.
 */
public final class SyntheticFleet {

    /** Event time of the first record: a fixed instant so windows line up the same way in every run. */
    public static final long START_EPOCH_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static final int MODELS_PER_MULTI_MODEL_ENDPOINT = 8;
    private static final long JITTER_MS = 200;

    private final int endpoints;
    private final double fleetRps;
    private final SplittableRandom random;
    private final String[] names;
    private final double[] cumulativePopularity;
    private final double[] medianLatencyMicros;
    private long sequence;

    public SyntheticFleet(final int endpoints, final double fleetRps, final long seed) {
        if (endpoints < 1) {
            throw new IllegalArgumentException("endpoints must be at least 1, was " + endpoints);
        }
        if (!(fleetRps > 0)) {
            throw new IllegalArgumentException("fleetRps must be positive, was " + fleetRps);
        }
        this.endpoints = endpoints;
        this.fleetRps = fleetRps;
        this.random = new SplittableRandom(seed);
        this.names = new String[endpoints];
        this.cumulativePopularity = new double[endpoints];
        this.medianLatencyMicros = new double[endpoints];
        final SplittableRandom shapes = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double total = 0;
        for (int e = 0; e < endpoints; e++) {
            names[e] = String.format("fleet-ep-%03d", e);
            total += 1.0 / Math.pow(e + 1, 0.7);
            cumulativePopularity[e] = total;
            medianLatencyMicros[e] = 5_000 * Math.pow(80, shapes.nextDouble()); // 5 ms .. 400 ms, log-uniform
        }
        for (int e = 0; e < endpoints; e++) {
            cumulativePopularity[e] /= total;
        }
    }

    /** The 200-endpoint fleet at 5,000 requests per second used by the throughput benchmark. */
    public static SyntheticFleet standard() {
        return new SyntheticFleet(200, 5_000, 42);
    }

    /** The {@code endpoint/variant} keys this fleet writes. */
    public String[] keys() {
        return Arrays.stream(names).map(n -> EndpointKey.of(n, EndpointKey.DEFAULT_VARIANT)).toArray(String[]::new);
    }

    /** The next request of the fleet; event time moves forward by {@code 1 / fleetRps} seconds per record. */
    public RequestLog next() {
        final long n = sequence++;
        final int e = pickEndpoint(random.nextDouble());
        final long timestamp = START_EPOCH_MS + (long) (n * 1000.0 / fleetRps) - random.nextLong(JITTER_MS + 1);
        final RequestLog.Builder log = RequestLog.newBuilder()
                .setEndpoint(names[e])
                .setVariant(EndpointKey.DEFAULT_VARIANT)
                .setRequestId(Long.toHexString(random.nextLong()))
                .setTimestamp(java.time.Instant.ofEpochMilli(timestamp))
                .setModelLatencyMicros(modelLatencyMicros(e))
                .setOverheadLatencyMicros(1_000 + random.nextLong(4_000))
                .setStatusCode(statusCode());
        if (e % 3 == 0) {
            log.setQueueDepth(queueDepth());
        }
        if (e % 20 == 0) {
            log.setTargetModel("model-" + pickModel());
        }
        if (medianLatencyMicros[e] > 150_000) {
            log.setInputTokens(50 + random.nextInt(2_000));
            log.setOutputTokens(1 + random.nextInt(500));
        }
        return log.build();
    }

    /** Records produced so far. */
    public long produced() {
        return sequence;
    }

    public int endpoints() {
        return endpoints;
    }

    private int pickEndpoint(final double u) {
        final int i = Arrays.binarySearch(cumulativePopularity, u);
        return Math.min(i >= 0 ? i : -i - 1, endpoints - 1);
    }

    private long modelLatencyMicros(final int endpoint) {
        final double lognormal = medianLatencyMicros[endpoint] * Math.exp(0.6 * gaussian());
        final double tail = random.nextDouble() < 0.01 ? 5 + random.nextDouble() * 15 : 1;
        return Math.max(100, (long) (lognormal * tail));
    }

    private int statusCode() {
        final double u = random.nextDouble();
        if (u < 0.003) {
            return u < 0.002 ? 500 : 503;
        }
        return u < 0.008 ? 429 : 200;
    }

    /** Geometric around a mean of about 2, with occasional bursts of backlog. */
    private int queueDepth() {
        final int base = (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(2.0 / 3.0));
        return random.nextDouble() < 0.02 ? base + 20 + random.nextInt(80) : base;
    }

    private int pickModel() {
        // The first model is hot: one model hiding behind the instance average.
        return random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(MODELS_PER_MULTI_MODEL_ENDPOINT - 1);
    }

    private double gaussian() {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        final double u1 = 1 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
