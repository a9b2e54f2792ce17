package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.Budget;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * toJson and the reader are exact inverses for any policy the Avro record can hold, not just the
 * documented examples: every optional field present or absent, fractional and whole numbers, times
 * with milliseconds. The seed is fixed, so a failure reproduces.
 */
class PolicyJsonRoundTripTest {

    private final Random random = new Random(20261123L);

    @Test
    void everyGeneratedPolicyReadsBackEqualFromItsJson() {
        for (int i = 0; i < 500; i++) {
            final ScalingPolicy policy = randomPolicy();

            final String json = PolicyDocuments.toJson(policy);

            assertThat(PolicyDocuments.read(json)).as(json).isEqualTo(policy);
        }
    }

    @Test
    void aGeneratedListReadsBackEqualThroughTheArrayForm() {
        final List<ScalingPolicy> policies = List.of(randomPolicy(), randomPolicy(), randomPolicy());
        final String json = PolicyDocuments.toJson(policies);

        final List<ScalingPolicy> read = new ArrayList<>();
        PolicyDocuments.tree(json).forEach(node -> read.add(PolicyJsonReader.read(JsonFields.of(node, ""))));

        assertThat(read).isEqualTo(policies);
    }

    private ScalingPolicy randomPolicy() {
        final ScalingPolicy.Builder policy = ScalingPolicy.newBuilder()
                .setEndpoint("endpoint-" + random.nextInt(1000))
                .setVariant(random.nextBoolean() ? "AllTraffic" : "variant-" + random.nextInt(10))
                .setMinCapacity(random.nextInt(5))
                .setMaxCapacity(5 + random.nextInt(50))
                .setTargetTracking(list(this::targetTracking))
                .setStepScaling(list(this::stepScaling))
                .setScheduled(list(this::scheduled))
                .setScaleOutSustainSeconds(random.nextInt(120))
                .setScaleInSustainSeconds(random.nextInt(900))
                .setScaleInStabilizationSeconds(random.nextInt(900))
                .setPanicThresholdRatio(random.nextBoolean() ? null : 1.0 + number())
                .setMaxStepOut(random.nextBoolean() ? null : 1 + random.nextInt(20))
                .setBudget(random.nextBoolean() ? null : new Budget(number(), 1000 + number()))
                .setPredictive(random.nextBoolean() ? null
                        : new Predictive(1 + random.nextInt(600), random.nextBoolean() ? null : 1 + random.nextInt(900)))
                .setDryRun(random.nextBoolean())
                .setBackend(random.nextBoolean() ? null : random.nextBoolean() ? "sagemaker" : "application-autoscaling");
        if (random.nextBoolean()) {
            policy.setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE)));
        }
        return policy.build();
    }

    private TargetTrackingRule targetTracking() {
        return new TargetTrackingRule(SignalMetrics.NAMES.get(random.nextInt(SignalMetrics.NAMES.size())), 0.5 + number(),
                optionalInt(600), optionalInt(900), random.nextBoolean());
    }

    private StepScalingRule stepScaling() {
        final List<StepAdjustment> steps = new ArrayList<>();
        final int count = 1 + random.nextInt(3);
        for (int j = 0; j < count; j++) {
            steps.add(new StepAdjustment(random.nextBoolean() ? null : number() - 50, random.nextBoolean() ? null : number(),
                    random.nextInt(21) - 10));
        }
        return StepScalingRule.newBuilder()
                .setMetric(SignalMetrics.NAMES.get(random.nextInt(SignalMetrics.NAMES.size())))
                .setThreshold(number())
                .setComparison(ComparisonOperator.values()[random.nextInt(ComparisonOperator.values().length)])
                .setAdjustmentType(AdjustmentType.values()[random.nextInt(AdjustmentType.values().length)])
                .setMinAdjustmentMagnitude(optionalInt(5))
                .setCooldownSeconds(optionalInt(600))
                .setStepAdjustments(steps)
                .build();
    }

    private ScheduledRule scheduled() {
        final Instant start = random.nextBoolean() ? null : Instant.ofEpochMilli(1_790_000_000_000L + random.nextInt(1_000_000_000));
        return new ScheduledRule(random.nextBoolean() ? "" : "action-" + random.nextInt(100),
                random.nextBoolean() ? "cron(0 18 ? * FRI *)" : "rate(" + (1 + random.nextInt(30)) + " minutes)",
                random.nextBoolean() ? "UTC" : "Europe/Berlin", start,
                start == null || random.nextBoolean() ? null : start.plusSeconds(86_400),
                optionalInt(10), random.nextBoolean() ? null : 10 + random.nextInt(30));
    }

    /** Whole numbers as often as fractional ones, since the writer prints them differently. */
    private double number() {
        return random.nextBoolean() ? random.nextInt(2000) : Math.round(random.nextDouble() * 200_000) / 100.0;
    }

    private Integer optionalInt(final int bound) {
        return random.nextBoolean() ? null : random.nextInt(bound);
    }

    private <T> List<T> list(final java.util.function.Supplier<T> element) {
        final List<T> out = new ArrayList<>();
        final int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out.add(element.get());
        }
        return out;
    }
}
