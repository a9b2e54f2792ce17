package io.streamscale.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.Outcome;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void countsCapacityHoursBreachesDecisionsAndOutcomes() {
        // 30 windows of 10 s: the first 15 at capacity 2, the rest at 4; p95 = 200 + 5 i ms.
        final var signals = ReportFixtures.ramp("fraud-model", 30);
        final var decisions = List.of(ReportFixtures.decision("fraud-model", 1_700_000_150_000L, 2, 4, "out"),
                ReportFixtures.decision("fraud-model", 1_700_000_290_000L, 4, 3, "in"));
        final var policy = ScalingPolicy.newBuilder().setEndpoint("fraud-model").setMinCapacity(1).setMaxCapacity(8)
                .setTargetTracking(List.of(TargetTrackingRule.newBuilder().setMetric("p95LatencyMs").setTargetValue(300).build())).build();
        final var action = ScalingAction.newBuilder().setDecisionId("x").setEndpoint("fraud-model").setOutcome(Outcome.DRY_RUN)
                .setFrom(2).setTo(4).setAt(Instant.EPOCH).build();

        final var summary = RunSummary.of(1000, Map.of("INVALID_JSON", 2L), signals, decisions, List.of(action, action),
                Map.of("fraud-model/AllTraffic", policy));

        assertThat(summary.at("/ingest/accepted").asLong()).isEqualTo(1000);
        assertThat(summary.at("/ingest/rejected/INVALID_JSON").asLong()).isEqualTo(2);
        assertThat(summary.at("/decisions/scaleOut").asLong()).isEqualTo(1);
        assertThat(summary.at("/decisions/scaleIn").asLong()).isEqualTo(1);
        assertThat(summary.at("/actions/DRY_RUN").asLong()).isEqualTo(2);
        final var endpoint = summary.at("/endpoints/fraud-model~1AllTraffic");
        // (15 × 2 + 15 × 4) instance-windows × 10 s = 900 instance-seconds = 0.25 h
        assertThat(endpoint.get("capacityHours").asDouble()).isEqualTo(0.25);
        // p95 > 300 ms from i = 21 on: windows 21..29
        assertThat(endpoint.get("windowsP95AboveTarget").asLong()).isEqualTo(9);
        assertThat(endpoint.get("p95TargetMs").asDouble()).isEqualTo(300.0);
    }

    @Test
    void aStepScalingAlarmOnP95CountsAsTheTargetWhenNoTargetTrackingRuleHasOne() {
        final var step = io.streamscale.schemas.StepScalingRule.newBuilder().setMetric("p95LatencyMs").setThreshold(2000)
                .setComparison(io.streamscale.schemas.ComparisonOperator.GreaterThanThreshold)
                .setAdjustmentType(io.streamscale.schemas.AdjustmentType.ChangeInCapacity)
                .setStepAdjustments(List.of(io.streamscale.schemas.StepAdjustment.newBuilder().setMetricIntervalLowerBound(0.0)
                        .setScalingAdjustment(1).build())).build();
        final var policy = ScalingPolicy.newBuilder().setEndpoint("llm").setMinCapacity(1).setMaxCapacity(8)
                .setStepScaling(List.of(step)).build();
        assertThat(RunSummary.p95Target(policy)).contains(2000.0);
        assertThat(RunSummary.p95Target(ScalingPolicy.newBuilder(policy).setStepScaling(List.of()).build())).isEmpty();
    }

    @Test
    void backtestHasNoActionsSection() {
        assertThat(RunSummary.of(0, Map.of(), List.of(), List.of(), null, Map.of()).has("actions")).isFalse();
    }
}
