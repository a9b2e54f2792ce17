package io.streamscale.ingest.trace;

/**
 * The service model that turns an LLM request's token counts into a latency, for traces that record
 * arrivals and tokens but no latency (Azure LLM 2023, Mooncake). One request is served as a
 * non-streaming call, so the client waits for the whole generation:
 *
 * <pre>
 * modelLatency    = (prefillBase + prefillPerInputToken × inputTokens + decodePerOutputToken × outputTokens) × jitter
 * overheadLatency = overhead (SageMaker's own share, constant)
 * jitter          = uniform in [1 − jitterFraction, 1 + jitterFraction], seeded by the request id
 * </pre>
 *
 * The defaults (20 ms base, 0.1 ms per prompt token, 20 ms per generated token, 5 ms overhead,
 * ±10 % jitter) are in the range published for 70B-class models on one 8-GPU server (Splitwise,
 * ISCA 2024: prefill is compute bound at thousands of tokens a second, decode runs a few tens of
 * milliseconds a token). The model is load independent on purpose: it says what one request costs,
 * not how a particular fleet queues; queueing is what scaling changes.
 *
 * @param prefillBaseMs          fixed cost of a request before its first token, ms
 * @param prefillMsPerInputToken prompt processing cost per input token, ms
 * @param decodeMsPerOutputToken generation cost per output token, ms
 * @param overheadMs             constant SageMaker overhead reported as overheadLatencyMicros, ms
 * @param jitterFraction         half-width of the multiplicative jitter (0 for none)
 */
public record TokenServiceModel(double prefillBaseMs, double prefillMsPerInputToken, double decodeMsPerOutputToken,
                                double overheadMs, double jitterFraction) {

    public static final TokenServiceModel DEFAULT = new TokenServiceModel(20, 0.1, 20, 5, 0.10);

    public TokenServiceModel {
        requireNonNegative("prefillBaseMs", prefillBaseMs);
        requireNonNegative("prefillMsPerInputToken", prefillMsPerInputToken);
        requireNonNegative("decodeMsPerOutputToken", decodeMsPerOutputToken);
        requireNonNegative("overheadMs", overheadMs);
        if (!(jitterFraction >= 0 && jitterFraction < 1)) {
            throw new IllegalArgumentException("jitterFraction must be in [0, 1), got " + jitterFraction);
        }
    }

    /** Model latency in microseconds; the same request id always gets the same jitter. */
    public long modelLatencyMicros(final int inputTokens, final int outputTokens, final String requestId) {
        final double ms = prefillBaseMs + prefillMsPerInputToken * Math.max(0, inputTokens)
                + decodeMsPerOutputToken * Math.max(0, outputTokens);
        return Math.round(ms * jitter(requestId) * 1000.0);
    }

    public long overheadLatencyMicros() {
        return Math.round(overheadMs * 1000.0);
    }

    private double jitter(final String requestId) {
        if (jitterFraction == 0) {
            return 1.0;
        }
        // SplitMix64 finaliser over the id's hash: deterministic, well spread, no shared Random.
        long z = requestId.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        final double unit = (z >>> 11) * 0x1.0p-53;
        return 1.0 + jitterFraction * (2 * unit - 1);
    }

    private static void requireNonNegative(final String name, final double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
