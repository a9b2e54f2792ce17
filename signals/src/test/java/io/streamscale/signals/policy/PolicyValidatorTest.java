package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One specification per validation rule; each names the field the message must point at. */
class PolicyValidatorTest {

    private static List<PolicyProblem> problems(final String json) {
        return PolicyValidator.problems(PolicyDocuments.read(json));
    }

    /** A valid policy with {@code extra} fields added. */
    private static String policy(final String extra) {
        return "{\"endpoint\": \"fraud-model\", \"minCapacity\": 2, \"maxCapacity\": 20" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static String steps(final String adjustments) {
        return policy("""
                "stepScaling": [{"metric": "queueDepthMax", "threshold": 100, "comparison": "GreaterThanThreshold",
                  "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "StepAdjustments": [%s]}}]
                """.formatted(adjustments));
    }

    private static final String STEPS = "stepScaling[0].StepScalingPolicyConfiguration.StepAdjustments";

    @Test
    void theDesignExampleIsValid() {
        assertThat(problems(PolicyDocumentsTest.DESIGN_EXAMPLE)).isEmpty();
    }

    @Test
    void validateThrowsNamingEveryProblem() {
        assertThatThrownBy(() -> PolicyValidator.validate(PolicyDocuments.read(
                "{\"endpoint\": \"bad name\", \"minCapacity\": -1, \"maxCapacity\": 2}")))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("endpoint");
                    assertThat(e.problems()).extracting(PolicyProblem::field).containsExactly("endpoint", "minCapacity");
                });
    }

    @Nested
    class Names {

        @Test
        void endpointNameFollowsSageMakerRules() {
            assertThat(problems("{\"endpoint\": \"fraud_model\", \"minCapacity\": 1, \"maxCapacity\": 2}"))
                    .containsExactly(new PolicyProblem("endpoint", "'fraud_model' is not a SageMaker endpoint name: "
                            + "1 to 63 letters, digits and hyphens, starting and ending with a letter or digit"));
            assertThat(problems("{\"endpoint\": \"-fraud\", \"minCapacity\": 1, \"maxCapacity\": 2}"))
                    .extracting(PolicyProblem::field).containsExactly("endpoint");
            assertThat(problems("{\"endpoint\": \"" + "e".repeat(64) + "\", \"minCapacity\": 1, \"maxCapacity\": 2}"))
                    .extracting(PolicyProblem::field).containsExactly("endpoint");
        }

        @Test
        void variantNameFollowsSageMakerRules() {
            assertThat(problems("{\"endpoint\": \"fraud\", \"variant\": \"blue/green\", \"minCapacity\": 1, \"maxCapacity\": 2}"))
                    .extracting(PolicyProblem::field).containsExactly("variant");
        }
    }

    @Nested
    class Capacity {

        @Test
        void minimumIsNotNegative() {
            assertThat(problems("{\"endpoint\": \"a\", \"minCapacity\": -1, \"maxCapacity\": 2}"))
                    .containsExactly(new PolicyProblem("minCapacity", "must be 0 or more, not -1"));
        }

        @Test
        void minimumIsAtMostMaximum() {
            assertThat(problems("{\"endpoint\": \"a\", \"minCapacity\": 5, \"maxCapacity\": 4}"))
                    .containsExactly(new PolicyProblem("maxCapacity", "must be at least minCapacity (5), not 4"));
        }

        @Test
        void minimumMayBeZeroAndEqualToMaximum() {
            assertThat(problems("{\"endpoint\": \"a\", \"minCapacity\": 0, \"maxCapacity\": 0}")).isEmpty();
        }
    }

    @Nested
    class TargetTracking {

        @Test
        void targetValueIsPositive() {
            assertThat(problems(policy("\"targetTracking\": [{\"TargetValue\": 0, \"CustomizedMetricSpecification\": {\"MetricName\": \"rps\"}}]")))
                    .containsExactly(new PolicyProblem("targetTracking[0].TargetValue", "must be more than 0, not 0.0"));
        }

        @Test
        void metricNamesASignal() {
            assertThat(problems(policy("\"targetTracking\": [{\"TargetValue\": 5, \"CustomizedMetricSpecification\": {\"MetricName\": \"CPUUtilization\"}}]")))
                    .containsExactly(new PolicyProblem("targetTracking[0].CustomizedMetricSpecification.MetricName",
                            "'CPUUtilization' is not a signal; expected one of rps, p95LatencyMs, p99LatencyMs, queueDepthMax, "
                                    + "concurrencyMean, errorRate, invocationsPerInstance"));
        }

        @Test
        void cooldownsAreNotNegative() {
            assertThat(problems(policy("\"targetTracking\": [{\"TargetValue\": 5, \"ScaleOutCooldown\": -1, \"ScaleInCooldown\": -2, "
                    + "\"CustomizedMetricSpecification\": {\"MetricName\": \"rps\"}}]")))
                    .extracting(PolicyProblem::field)
                    .containsExactly("targetTracking[0].ScaleOutCooldown", "targetTracking[0].ScaleInCooldown");
        }
    }

    @Nested
    class StepScaling {

        @Test
        void theAlarmMetricNamesASignal() {
            assertThat(problems(policy("""
                    "stepScaling": [{"metric": "ApproximateBacklogSize", "threshold": 100, "comparison": "GreaterThanThreshold",
                      "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}}]
                    """))).extracting(PolicyProblem::field).containsExactly("stepScaling[0].metric");
        }

        @Test
        void needsAtLeastOneStep() {
            assertThat(problems(steps(""))).containsExactly(new PolicyProblem(STEPS, "needs at least one step adjustment"));
        }

        @Test
        void contiguousStepsWithOneOpenEndAreValid() {
            assertThat(problems(steps("""
                    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 800, "ScalingAdjustment": 2},
                    {"MetricIntervalLowerBound": 800, "ScalingAdjustment": 5}"""))).isEmpty();
            // Listed out of order, as AWS allows.
            assertThat(problems(steps("""
                    {"MetricIntervalUpperBound": -10, "ScalingAdjustment": -2},
                    {"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1},
                    {"MetricIntervalLowerBound": -10, "MetricIntervalUpperBound": 0, "ScalingAdjustment": -1}"""))).isEmpty();
        }

        @Test
        void stepsMayNotOverlap() {
            assertThat(problems(steps("""
                    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 800, "ScalingAdjustment": 2},
                    {"MetricIntervalLowerBound": 500, "ScalingAdjustment": 5}""")))
                    .containsExactly(new PolicyProblem(STEPS + "[1].MetricIntervalLowerBound",
                            "step overlaps step 0, which ends at 800; ranges may not overlap"));
        }

        @Test
        void stepsMayNotLeaveAGap() {
            assertThat(problems(steps("""
                    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 800, "ScalingAdjustment": 2},
                    {"MetricIntervalLowerBound": 900, "ScalingAdjustment": 5}""")))
                    .containsExactly(new PolicyProblem(STEPS + "[1].MetricIntervalLowerBound",
                            "leaves a gap after step 0, which ends at 800; ranges may not have gaps"));
        }

        @Test
        void atMostOneStepIsOpenBelowAndOneOpenAbove() {
            assertThat(problems(steps("""
                    {"MetricIntervalUpperBound": 0, "ScalingAdjustment": -1},
                    {"MetricIntervalUpperBound": 10, "ScalingAdjustment": -2}""")))
                    .extracting(PolicyProblem::message).anyMatch(m -> m.startsWith("at most one step adjustment may have a null MetricIntervalLowerBound"));
            assertThat(problems(steps("""
                    {"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1},
                    {"MetricIntervalLowerBound": 10, "ScalingAdjustment": 2}""")))
                    .extracting(PolicyProblem::message).anyMatch(m -> m.startsWith("at most one step adjustment may have a null MetricIntervalUpperBound"));
        }

        @Test
        void aStepMayNotBeOpenAtBothEnds() {
            assertThat(problems(steps("{\"ScalingAdjustment\": 1}")))
                    .containsExactly(new PolicyProblem(STEPS + "[0]",
                            "needs MetricIntervalLowerBound or MetricIntervalUpperBound; both may not be null in one step"));
        }

        @Test
        void aPositiveUpperBoundNeedsAStepOpenAbove() {
            assertThat(problems(steps("{\"MetricIntervalLowerBound\": 0, \"MetricIntervalUpperBound\": 100, \"ScalingAdjustment\": 1}")))
                    .containsExactly(new PolicyProblem(STEPS,
                            "a step has a positive MetricIntervalUpperBound, so one step needs a null MetricIntervalUpperBound"));
        }

        @Test
        void aNegativeLowerBoundNeedsAStepOpenBelow() {
            assertThat(problems(steps("{\"MetricIntervalLowerBound\": -100, \"MetricIntervalUpperBound\": 0, \"ScalingAdjustment\": -1}")))
                    .containsExactly(new PolicyProblem(STEPS,
                            "a step has a negative MetricIntervalLowerBound, so one step needs a null MetricIntervalLowerBound"));
        }

        @Test
        void aStepsUpperBoundIsAboveItsLowerBound() {
            assertThat(problems(steps("""
                    {"MetricIntervalUpperBound": 0, "ScalingAdjustment": -1},
                    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 0, "ScalingAdjustment": 1},
                    {"MetricIntervalLowerBound": 0, "ScalingAdjustment": 2}""")))
                    .extracting(PolicyProblem::field).contains(STEPS + "[1].MetricIntervalUpperBound");
        }

        @Test
        void minAdjustmentMagnitudeGoesOnlyWithPercentChange() {
            assertThat(problems(policy("""
                    "stepScaling": [{"metric": "rps", "threshold": 100, "comparison": "GreaterThanThreshold",
                      "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "MinAdjustmentMagnitude": 2,
                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}}]
                    """))).containsExactly(new PolicyProblem("stepScaling[0].StepScalingPolicyConfiguration.MinAdjustmentMagnitude",
                    "applies only when AdjustmentType is PercentChangeInCapacity, not ChangeInCapacity"));
            assertThat(problems(policy("""
                    "stepScaling": [{"metric": "rps", "threshold": 100, "comparison": "GreaterThanThreshold",
                      "StepScalingPolicyConfiguration": {"AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 0,
                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 10}]}}]
                    """))).extracting(PolicyProblem::field).containsExactly("stepScaling[0].StepScalingPolicyConfiguration.MinAdjustmentMagnitude");
        }

        @Test
        void exactCapacityIsNotNegative() {
            assertThat(problems(policy("""
                    "stepScaling": [{"metric": "rps", "threshold": 100, "comparison": "GreaterThanThreshold",
                      "StepScalingPolicyConfiguration": {"AdjustmentType": "ExactCapacity",
                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": -3}]}}]
                    """))).extracting(PolicyProblem::field).containsExactly(STEPS + "[0].ScalingAdjustment");
        }

        @Test
        void cooldownIsNotNegative() {
            assertThat(problems(policy("""
                    "stepScaling": [{"metric": "rps", "threshold": 100, "comparison": "GreaterThanThreshold",
                      "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": -60,
                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}}]
                    """))).extracting(PolicyProblem::field).containsExactly("stepScaling[0].StepScalingPolicyConfiguration.Cooldown");
        }
    }

    @Nested
    class Scheduled {

        @Test
        void theScheduleParses() {
            assertThat(problems(policy("\"scheduled\": [{\"Schedule\": \"cron(0 18 * * FRI)\", \"ScalableTargetAction\": {\"MinCapacity\": 4}}]")))
                    .singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("scheduled[0].Schedule");
                        assertThat(p.message()).contains("six");
                    });
        }

        @Test
        void theTimezoneIsAnIanaName() {
            assertThat(problems(policy("\"scheduled\": [{\"Schedule\": \"cron(0 18 ? * FRI *)\", \"Timezone\": \"EST5\", "
                    + "\"ScalableTargetAction\": {\"MinCapacity\": 4}}]")))
                    .extracting(PolicyProblem::field).containsExactly("scheduled[0].Timezone");
        }

        @Test
        void anActionSetsAMinimumOrAMaximum() {
            assertThat(problems(policy("\"scheduled\": [{\"Schedule\": \"rate(1 hour)\"}]")))
                    .containsExactly(new PolicyProblem("scheduled[0].ScalableTargetAction", "needs MinCapacity, MaxCapacity or both"));
        }

        @Test
        void itsMinimumIsAtMostItsMaximum() {
            assertThat(problems(policy("\"scheduled\": [{\"Schedule\": \"rate(1 hour)\", \"ScalableTargetAction\": {\"MinCapacity\": 9, \"MaxCapacity\": 3}}]")))
                    .containsExactly(new PolicyProblem("scheduled[0].ScalableTargetAction.MaxCapacity", "must be at least MinCapacity (9), not 3"));
            assertThat(problems(policy("\"scheduled\": [{\"Schedule\": \"rate(1 hour)\", \"ScalableTargetAction\": {\"MinCapacity\": -1}}]")))
                    .extracting(PolicyProblem::field).containsExactly("scheduled[0].ScalableTargetAction.MinCapacity");
        }

        @Test
        void itEndsAfterItStarts() {
            assertThat(problems(policy("\"scheduled\": [{\"Schedule\": \"rate(1 hour)\", \"StartTime\": \"2026-12-02T00:00:00Z\", "
                    + "\"EndTime\": \"2026-12-01T00:00:00Z\", \"ScalableTargetAction\": {\"MinCapacity\": 3}}]")))
                    .extracting(PolicyProblem::field).containsExactly("scheduled[0].EndTime");
        }

        @Test
        void namesAreUnique() {
            assertThat(problems(policy("\"scheduled\": ["
                    + "{\"ScheduledActionName\": \"peak\", \"Schedule\": \"rate(1 hour)\", \"ScalableTargetAction\": {\"MinCapacity\": 3}},"
                    + "{\"ScheduledActionName\": \"peak\", \"Schedule\": \"rate(2 hours)\", \"ScalableTargetAction\": {\"MinCapacity\": 4}}]")))
                    .extracting(PolicyProblem::field).containsExactly("scheduled[1].ScheduledActionName");
        }
    }

    @Nested
    class StreamScaleFields {

        @Test
        void sustainAndStabilizationAreNotNegative() {
            assertThat(problems(policy("\"sustain\": {\"scaleOutSeconds\": -1, \"scaleInSeconds\": -1}, \"stabilization\": {\"scaleInSeconds\": -5}")))
                    .extracting(PolicyProblem::field)
                    .containsExactly("sustain.scaleOutSeconds", "sustain.scaleInSeconds", "stabilization.scaleInSeconds");
        }

        @Test
        void panicRatioIsAboveOne() {
            assertThat(problems(policy("\"panic\": {\"thresholdRatio\": 1.0}")))
                    .containsExactly(new PolicyProblem("panic.thresholdRatio", "must be more than 1 (a multiple of the target), not 1.0"));
        }

        @Test
        void maxStepOutIsPositive() {
            assertThat(problems(policy("\"maxStepOut\": 0"))).containsExactly(new PolicyProblem("maxStepOut", "must be more than 0, not 0"));
        }

        @Test
        void budgetValuesArePositive() {
            assertThat(problems(policy("\"budget\": {\"instanceHourlyPrice\": 0, \"monthlyCap\": -5}")))
                    .extracting(PolicyProblem::field).containsExactly("budget.instanceHourlyPrice", "budget.monthlyCap");
        }

        @Test
        void theBudgetCoversTheMinimumCapacity() {
            // 2 instances at $1.41 an hour cost $2,058.60 a month.
            assertThat(problems(policy("\"budget\": {\"instanceHourlyPrice\": 1.41, \"monthlyCap\": 2000}")))
                    .containsExactly(new PolicyProblem("budget.monthlyCap",
                            "is below the cost of minCapacity alone (2 × 1.41 × 730 h = 2058.6 per month), so it could never be met"));
            assertThat(problems(policy("\"budget\": {\"instanceHourlyPrice\": 1.41, \"monthlyCap\": 2058.6}"))).isEmpty();
        }

        @Test
        void predictiveValuesArePositive() {
            assertThat(problems(policy("\"predictive\": {\"warmupSeconds\": 0, \"horizonSeconds\": -1}")))
                    .extracting(PolicyProblem::field).containsExactly("predictive.warmupSeconds", "predictive.horizonSeconds");
        }

        @Test
        void backendIsOneTheActuatorKnows() {
            assertThat(problems(policy("\"backend\": \"kubernetes\"")))
                    .containsExactly(new PolicyProblem("backend", "'kubernetes' is not one of sagemaker, application-autoscaling"));
        }
    }
}
