package io.streamscale.signals.decision;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Policies and windows for the engine's specifications, with readable defaults. */
final class Fixtures {

    /** Monday 2026-01-05 00:00 UTC: every test's time zero. */
    static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    static final long WINDOW_MS = 10_000;

    private Fixtures() {
    }

    /** fraud-model/AllTraffic, 1..20 instances, no rules yet, every other setting at its default. */
    static ScalingPolicy.Builder policy() {
        return ScalingPolicy.newBuilder().setEndpoint("fraud-model").setVariant("AllTraffic")
                .setMinCapacity(1).setMaxCapacity(20);
    }

    /** Target tracking on p95 latency. */
    static TargetTrackingRule p95Target(final double ms) {
        return TargetTrackingRule.newBuilder().setMetric("p95LatencyMs").setTargetValue(ms).build();
    }

    static TargetTrackingRule target(final String metric, final double value) {
        return TargetTrackingRule.newBuilder().setMetric(metric).setTargetValue(value).build();
    }

    static StepAdjustment step(final Double lower, final Double upper, final int adjustment) {
        return StepAdjustment.newBuilder().setMetricIntervalLowerBound(lower).setMetricIntervalUpperBound(upper)
                .setScalingAdjustment(adjustment).build();
    }

    static StepScalingRule stepRule(final String metric, final double threshold, final ComparisonOperator comparison,
            final AdjustmentType type, final List<StepAdjustment> steps) {
        return StepScalingRule.newBuilder().setMetric(metric).setThreshold(threshold).setComparison(comparison)
                .setAdjustmentType(type).setStepAdjustments(steps).build();
    }

    /** The window of 10 s ending at {@code endSecond} (seconds after T0), idle, at {@code capacity}. */
    static EndpointSignals.Builder window(final long endSecond, final int capacity) {
        final long end = T0 + endSecond * 1000;
        return EndpointSignals.newBuilder().setEndpoint("fraud-model").setVariant("AllTraffic")
                .setWindowStart(Instant.ofEpochMilli(end - WINDOW_MS)).setWindowEnd(Instant.ofEpochMilli(end))
                .setCount(0).setRps(0).setErrorRate(0).setP50LatencyMs(0).setP90LatencyMs(0).setP95LatencyMs(0)
                .setP99LatencyMs(0).setMaxLatencyMs(0).setMeanLatencyMs(0).setConcurrencyMean(0)
                .setConcurrencyMax(0).setCapacity(capacity).setInvocationsPerInstance(0).setRpsSlope(0)
                .setRpsForecast(0).setLatencyHistogram(ByteBuffer.allocate(0));
    }

    /** A window with traffic: {@code rps} requests per second and the given p95. */
    static EndpointSignals busy(final long endSecond, final int capacity, final double rps, final double p95) {
        return window(endSecond, capacity).setCount(Math.round(rps * 10)).setRps(rps).setP50LatencyMs(p95 / 2)
                .setP95LatencyMs(p95).setP99LatencyMs(p95 * 1.2).setMaxLatencyMs(p95 * 1.5)
                .setMeanLatencyMs(p95 / 2).setInvocationsPerInstance(rps * 60 / Math.max(1, capacity)).build();
    }

    /** A window without any request: zero signals, as the signal topology emits for idle endpoints. */
    static EndpointSignals idle(final long endSecond, final int capacity) {
        return window(endSecond, capacity).build();
    }

    static long at(final long second) {
        return T0 + second * 1000;
    }
}
