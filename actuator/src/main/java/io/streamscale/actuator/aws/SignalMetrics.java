package io.streamscale.actuator.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes the signals behind every applied decision to CloudWatch as high-resolution custom
 * metrics (PutMetricData, StorageResolution 1, dimensions EndpointName and VariantName), batched up
 * to the configured size per request. Metrics are best effort: a failed PutMetricData is logged and
 * counted, never allowed to hold up or undo a scaling decision.
 */
public final class SignalMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(SignalMetrics.class);

    private final AwsClients clients;
    private final String namespace;
    private final int batchSize;
    private final List<MetricDatum> pending = new ArrayList<>();
    private long failedBatches;

    public SignalMetrics(final AwsClients clients, final String namespace, final int batchSize) {
        this.clients = clients;
        this.namespace = namespace;
        this.batchSize = batchSize;
    }

    /** Queues one datum per finite signal value, plus the instance count StreamScale ordered. */
    public void add(final String endpoint, final String variant, final Instant decidedAt,
            final Map<String, Double> signals, final int orderedCount) {
        final List<Dimension> dimensions = List.of(
                Dimension.builder().name("EndpointName").value(endpoint).build(),
                Dimension.builder().name("VariantName").value(variant).build());
        signals.entrySet().stream().filter(e -> e.getValue() != null && Double.isFinite(e.getValue()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> pending.add(datum(e.getKey(), e.getValue(), unitOf(e.getKey()), decidedAt, dimensions)));
        pending.add(datum("OrderedInstanceCount", orderedCount, StandardUnit.COUNT, decidedAt, dimensions));
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Sends everything queued, in requests of at most {@code batchSize} datums. */
    public void flush() {
        while (!pending.isEmpty()) {
            final List<MetricDatum> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
            pending.subList(0, batch.size()).clear();
            try {
                clients.cloudWatch().putMetricData(b -> b.namespace(namespace).metricData(batch));
            } catch (final SdkException e) {
                failedBatches++;
                LOG.warn("PutMetricData of {} datums to {} failed: {}", batch.size(), namespace, e.getMessage());
            }
        }
    }

    public long failedBatches() {
        return failedBatches;
    }

    /** CloudWatch's unit for a signal field, from the naming convention of EndpointSignals. */
    static StandardUnit unitOf(final String signal) {
        if (signal.endsWith("Ms")) {
            return StandardUnit.MILLISECONDS;
        }
        if (signal.equals("rps") || signal.equals("rpsForecast")) {
            return StandardUnit.COUNT_SECOND;
        }
        return StandardUnit.NONE;
    }

    private static MetricDatum datum(final String name, final double value, final StandardUnit unit, final Instant at,
            final List<Dimension> dimensions) {
        return MetricDatum.builder().metricName(name).value(value).unit(unit).timestamp(at).dimensions(dimensions)
                .storageResolution(1).build();
    }
}
