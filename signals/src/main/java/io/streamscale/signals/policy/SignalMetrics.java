package io.streamscale.signals.policy;

import io.streamscale.schemas.EndpointSignals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The signal fields a policy may name as its metric, and the SageMaker predefined metric types that
 * map onto them. Names are {@link EndpointSignals} field names exactly, so a policy reads the same
 * way the signals topic does.
 */
public final class SignalMetrics {

    public static final String RPS = "rps";
    public static final String P95_LATENCY_MS = "p95LatencyMs";
    public static final String P99_LATENCY_MS = "p99LatencyMs";
    public static final String QUEUE_DEPTH_MAX = "queueDepthMax";
    public static final String CONCURRENCY_MEAN = "concurrencyMean";
    public static final String ERROR_RATE = "errorRate";
    public static final String INVOCATIONS_PER_INSTANCE = "invocationsPerInstance";

    /** Every metric name a policy may use, in the order the docs list them. */
    public static final List<String> NAMES = List.of(RPS, P95_LATENCY_MS, P99_LATENCY_MS, QUEUE_DEPTH_MAX,
            CONCURRENCY_MEAN, ERROR_RATE, INVOCATIONS_PER_INSTANCE);

    /** AWS's predefined metric for SageMaker variants; it is the one StreamScale computes the same way. */
    public static final String SAGEMAKER_INVOCATIONS_PER_INSTANCE = "SageMakerVariantInvocationsPerInstance";

    /**
     * SageMaker predefined metric types StreamScale has a signal for. The others AWS defines
     * (concurrent requests per model or per inference-component copy, provisioned-concurrency
     * utilisation of serverless endpoints) measure things these signals do not, so they are refused
     * rather than approximated.
     */
    public static final Map<String, String> PREDEFINED = Map.of(SAGEMAKER_INVOCATIONS_PER_INSTANCE, INVOCATIONS_PER_INSTANCE);

    private SignalMetrics() {
    }

    public static boolean isKnown(final String metric) {
        return NAMES.contains(metric);
    }

    /** The signal a predefined metric type maps to, if StreamScale has one. */
    public static Optional<String> forPredefined(final String predefinedMetricType) {
        return Optional.ofNullable(PREDEFINED.get(predefinedMetricType));
    }

    /** The predefined metric type a signal is written back as in JSON, if any. */
    public static Optional<String> predefinedFor(final String metric) {
        return PREDEFINED.entrySet().stream().filter(e -> e.getValue().equals(metric)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The value of {@code metric} in one window; empty for an unknown name, and for
     * {@code queueDepthMax} when no producer reported a queue depth.
     */
    public static OptionalDouble value(final EndpointSignals signals, final String metric) {
        return switch (metric) {
            case RPS -> OptionalDouble.of(signals.getRps());
            case P95_LATENCY_MS -> OptionalDouble.of(signals.getP95LatencyMs());
            case P99_LATENCY_MS -> OptionalDouble.of(signals.getP99LatencyMs());
            case QUEUE_DEPTH_MAX -> signals.getQueueDepthMax() == null ? OptionalDouble.empty()
                    : OptionalDouble.of(signals.getQueueDepthMax());
            case CONCURRENCY_MEAN -> OptionalDouble.of(signals.getConcurrencyMean());
            case ERROR_RATE -> OptionalDouble.of(signals.getErrorRate());
            case INVOCATIONS_PER_INSTANCE -> OptionalDouble.of(signals.getInvocationsPerInstance());
            default -> OptionalDouble.empty();
        };
    }
}
