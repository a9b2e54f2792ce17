package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.Budget;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

    /** The example in DESIGN.md "Policy documents", with a comment added. */
    static final String DESIGN_EXAMPLE = """
            {
              // the fraud model's policy, as DESIGN.md shows it
              "endpoint": "fraud-model", "variant": "AllTraffic",
              "minCapacity": 2, "maxCapacity": 20,
              "targetTracking": [
                {"TargetValue": 70, "ScaleOutCooldown": 60, "ScaleInCooldown": 300,
                 "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}},
                {"TargetValue": 300, "CustomizedMetricSpecification": {"MetricName": "p95LatencyMs"}}
              ],
              "stepScaling": [
                {"metric": "queueDepthMax", "threshold": 1200, "comparison": "GreaterThanThreshold",
                 "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": 60,
                   "StepAdjustments": [{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 800, "ScalingAdjustment": 2},
                                       {"MetricIntervalLowerBound": 800, "ScalingAdjustment": 5}]}}
              ],
              "scheduled": [
                {"Schedule": "cron(0 18 ? * FRI *)", "Timezone": "America/New_York",
                 "ScalableTargetAction": {"MinCapacity": 10, "MaxCapacity": 40}}
              ],
              "sustain": {"scaleOutSeconds": 30, "scaleInSeconds": 300},
              "stabilization": {"scaleInSeconds": 300},
              "panic": {"thresholdRatio": 2.0},
              "maxStepOut": 10,
              "budget": {"instanceHourlyPrice": 1.41, "monthlyCap": 30000},
              "predictive": {"warmupSeconds": 300},
              "dryRun": false
            }
            """;

    private static final String MINIMAL = """
            {"endpoint": "fraud-model", "minCapacity": 1, "maxCapacity": 4}
            """;

    @Test
    void readsTheDesignExampleOntoTheAvroPolicy() {
        final ScalingPolicy policy = PolicyDocuments.parse(DESIGN_EXAMPLE);

        assertThat(policy.getEndpoint()).isEqualTo("fraud-model");
        assertThat(policy.getVariant()).isEqualTo("AllTraffic");
        assertThat(policy.getMinCapacity()).isEqualTo(2);
        assertThat(policy.getMaxCapacity()).isEqualTo(20);
        assertThat(policy.getTargetTracking()).containsExactly(
                new TargetTrackingRule("invocationsPerInstance", 70.0, 60, 300, false),
                new TargetTrackingRule("p95LatencyMs", 300.0, null, null, false));
        assertThat(policy.getStepScaling()).hasSize(1);
        final var step = policy.getStepScaling().get(0);
        assertThat(step.getMetric()).isEqualTo("queueDepthMax");
        assertThat(step.getThreshold()).isEqualTo(1200.0);
        assertThat(step.getComparison()).isEqualTo(ComparisonOperator.GreaterThanThreshold);
        assertThat(step.getAdjustmentType()).isEqualTo(AdjustmentType.ChangeInCapacity);
        assertThat(step.getCooldownSeconds()).isEqualTo(60);
        assertThat(step.getMinAdjustmentMagnitude()).isNull();
        assertThat(step.getStepAdjustments()).containsExactly(new StepAdjustment(0.0, 800.0, 2), new StepAdjustment(800.0, null, 5));
        assertThat(policy.getScheduled()).containsExactly(
                new ScheduledRule("", "cron(0 18 ? * FRI *)", "America/New_York", null, null, 10, 40));
        assertThat(policy.getScaleOutSustainSeconds()).isEqualTo(30);
        assertThat(policy.getScaleInSustainSeconds()).isEqualTo(300);
        assertThat(policy.getScaleInStabilizationSeconds()).isEqualTo(300);
        assertThat(policy.getPanicThresholdRatio()).isEqualTo(2.0);
        assertThat(policy.getMaxStepOut()).isEqualTo(10);
        assertThat(policy.getBudget()).isEqualTo(new Budget(1.41, 30000.0));
        assertThat(policy.getPredictive()).isEqualTo(new Predictive(300, null));
        assertThat(policy.getDryRun()).isFalse();
    }

    @Test
    void aMinimalDocumentTakesTheDesignDefaults() {
        final ScalingPolicy policy = PolicyDocuments.parse(MINIMAL);

        assertThat(policy.getVariant()).isEqualTo("AllTraffic");
        assertThat(policy.getTargetTracking()).isEmpty();
        assertThat(policy.getStepScaling()).isEmpty();
        assertThat(policy.getScheduled()).isEmpty();
        assertThat(policy.getScaleOutSustainSeconds()).isEqualTo(30);
        assertThat(policy.getScaleInSustainSeconds()).isEqualTo(300);
        assertThat(policy.getScaleInStabilizationSeconds()).isEqualTo(300);
        assertThat(policy.getPanicThresholdRatio()).isNull();
        assertThat(policy.getMaxStepOut()).isNull();
        assertThat(policy.getBudget()).isNull();
        assertThat(policy.getPredictive()).isNull();
        assertThat(policy.getDryRun()).isFalse();
        assertThat(policy.getBackend()).isNull();
        assertThat(policy.getUpdatedAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void theDesignExampleRoundTripsThroughJson() {
        final ScalingPolicy policy = PolicyDocuments.parse(DESIGN_EXAMPLE);

        assertThat(PolicyDocuments.parse(PolicyDocuments.toJson(policy))).isEqualTo(policy);
    }

    @Test
    void everyFieldRoundTripsThroughJson() {
        final ScalingPolicy policy = PolicyDocuments.parse("""
                {"endpoint": "llm-chat", "variant": "blue-1", "minCapacity": 0, "maxCapacity": 12,
                 "targetTracking": [{"TargetValue": 12.5, "DisableScaleIn": true, "ScaleInCooldown": 600,
                                     "CustomizedMetricSpecification": {"MetricName": "concurrencyMean"}}],
                 "stepScaling": [{"metric": "errorRate", "threshold": 0.05, "comparison": "LessThanOrEqualToThreshold",
                   "StepScalingPolicyConfiguration": {"AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 2,
                     "StepAdjustments": [{"MetricIntervalUpperBound": -0.01, "ScalingAdjustment": -20},
                                         {"MetricIntervalLowerBound": -0.01, "MetricIntervalUpperBound": 0, "ScalingAdjustment": -10}]}}],
                 "scheduled": [{"ScheduledActionName": "nightly", "Schedule": "rate(1 day)", "Timezone": "Europe/Berlin",
                                "StartTime": "2026-12-01T00:00:00Z", "EndTime": "2027-01-01T00:00:00Z",
                                "ScalableTargetAction": {"MaxCapacity": 3}}],
                 "sustain": {"scaleOutSeconds": 20, "scaleInSeconds": 120},
                 "stabilization": {"scaleInSeconds": 600},
                 "panic": {"thresholdRatio": 2.5}, "maxStepOut": 4,
                 "budget": {"instanceHourlyPrice": 5.752, "monthlyCap": 50000},
                 "predictive": {"warmupSeconds": 420, "horizonSeconds": 600},
                 "dryRun": true, "backend": "application-autoscaling", "updatedAt": 1795000000000}
                """);

        final String json = PolicyDocuments.toJson(policy);

        assertThat(PolicyDocuments.parse(json)).isEqualTo(policy);
        assertThat(json).contains("\"CustomizedMetricSpecification\"").contains("\"ScheduledActionName\" : \"nightly\"")
                .contains("\"StartTime\" : \"2026-12-01T00:00:00Z\"").contains("\"TargetValue\" : 12.5");
    }

    @Test
    void invocationsPerInstanceIsWrittenBackAsAwsPredefinedMetric() {
        final String json = PolicyDocuments.toJson(PolicyDocuments.parse(DESIGN_EXAMPLE));

        assertThat(json).contains("\"PredefinedMetricType\" : \"SageMakerVariantInvocationsPerInstance\"")
                .contains("\"TargetValue\" : 70,");
    }

    @Test
    void aListOfPoliciesRoundTripsThroughParseAll() {
        final List<ScalingPolicy> policies = List.of(PolicyDocuments.parse(DESIGN_EXAMPLE), PolicyDocuments.parse(MINIMAL));

        assertThat(PolicyDocuments.parseAll(PolicyDocuments.toJson(policies))).isEqualTo(policies);
    }

    @Test
    void parseAllAcceptsASingleDocument() {
        assertThat(PolicyDocuments.parseAll(MINIMAL)).containsExactly(PolicyDocuments.parse(MINIMAL));
    }

    @Test
    void parseAllNamesTheDocumentOfEachProblemByItsIndex() {
        assertThatThrownBy(() -> PolicyDocuments.parseAll("[" + MINIMAL + ", {\"endpoint\": \"b\", \"minCapacity\": 5, \"maxCapacity\": 2}]"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("[1].maxCapacity");
                    assertThat(e.getMessage()).contains("[1].maxCapacity: must be at least minCapacity (5), not 2");
                });
    }

    @Test
    void parseRefusesAnArray() {
        assertThatThrownBy(() -> PolicyDocuments.parse("[" + MINIMAL + "]"))
                .isInstanceOf(PolicyValidationException.class).hasMessageContaining("parseAll");
    }

    @Test
    void anUnknownTopLevelFieldIsNamed() {
        assertThatThrownBy(() -> PolicyDocuments.parse("{\"endpoint\": \"a\", \"minCapacity\": 1, \"maxCapacity\": 2, \"minCapcity\": 3}"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("minCapcity");
                    assertThat(e.getMessage()).contains("unknown field 'minCapcity'");
                });
    }

    @Test
    void anUnknownFieldInsideAnAwsSubDocumentIsNamedWithItsPath() {
        final String json = """
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2,
                 "stepScaling": [{"metric": "rps", "threshold": 10, "comparison": "GreaterThanThreshold",
                   "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
                     "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1, "ScalingAdjustmnt": 2}]}}]}
                """;

        assertThatThrownBy(() -> PolicyDocuments.parse(json)).isInstanceOfSatisfying(PolicyValidationException.class,
                e -> assertThat(e.field()).isEqualTo("stepScaling[0].StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustmnt"));
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2,
                 "targetTracking": [{"CustomizedMetricSpecification": {"MetricName": "rps"}}]}
                """)).isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("targetTracking[0].TargetValue");
                    assertThat(e.getMessage()).contains("is required");
                });
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> PolicyDocuments.parse("{\"endpoint\": \"a\", \"minCapacity\": \"two\", \"maxCapacity\": 2}"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("minCapacity");
                    assertThat(e.getMessage()).contains("whole number").contains("\"two\"");
                });
        assertThatThrownBy(() -> PolicyDocuments.parse("{\"endpoint\": \"a\", \"minCapacity\": 1.5, \"maxCapacity\": 2}"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.field()).isEqualTo("minCapacity"));
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        assertThatThrownBy(() -> PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2,
                 "stepScaling": [{"metric": "rps", "threshold": 10, "comparison": "Above",
                   "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
                     "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}}]}
                """)).isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("stepScaling[0].comparison");
                    assertThat(e.getMessage()).contains("GreaterThanOrEqualToThreshold");
                });
    }

    @Test
    void aTargetNeedsExactlyOneMetricSpecification() {
        assertThatThrownBy(() -> PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2, "targetTracking": [{"TargetValue": 5}]}
                """)).isInstanceOfSatisfying(PolicyValidationException.class,
                e -> assertThat(e.field()).isEqualTo("targetTracking[0].PredefinedMetricSpecification"));
        assertThatThrownBy(() -> PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2, "targetTracking": [{"TargetValue": 5,
                  "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
                  "CustomizedMetricSpecification": {"MetricName": "rps"}}]}
                """)).isInstanceOfSatisfying(PolicyValidationException.class,
                e -> assertThat(e.getMessage()).contains("not both"));
    }

    @Test
    void aPredefinedMetricTypeWithoutAStreamScaleSignalIsRefusedByName() {
        assertThatThrownBy(() -> PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2, "targetTracking": [{"TargetValue": 5,
                  "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantConcurrentRequestsPerModelHighResolution"}}]}
                """)).isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("targetTracking[0].PredefinedMetricSpecification.PredefinedMetricType");
                    assertThat(e.getMessage()).contains("SageMakerVariantConcurrentRequestsPerModelHighResolution").contains("concurrencyMean");
                });
    }

    @Test
    void metricMathIsRefused() {
        assertThatThrownBy(() -> PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2, "targetTracking": [{"TargetValue": 5,
                  "CustomizedMetricSpecification": {"Metrics": [{"Id": "m1"}]}}]}
                """)).isInstanceOfSatisfying(PolicyValidationException.class,
                e -> assertThat(e.field()).isEqualTo("targetTracking[0].CustomizedMetricSpecification.Metrics"));
    }

    @Test
    void cloudWatchCoordinatesOfACustomizedMetricAreAcceptedAndIgnored() {
        final ScalingPolicy policy = PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 2, "targetTracking": [{"TargetValue": 250,
                  "CustomizedMetricSpecification": {"MetricName": "p99LatencyMs", "Namespace": "AWS/SageMaker",
                    "Dimensions": [{"Name": "EndpointName", "Value": "a"}], "Statistic": "Average", "Unit": "Milliseconds"}}]}
                """);

        assertThat(policy.getTargetTracking().get(0).getMetric()).isEqualTo("p99LatencyMs");
    }

    @Test
    void lineAndBlockCommentsAreAllowed() {
        final ScalingPolicy policy = PolicyDocuments.parse("""
                /* a policy */
                {"endpoint": "a", // the endpoint
                 "minCapacity": 1, "maxCapacity": 2}
                """);

        assertThat(policy.getEndpoint()).isEqualTo("a");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> PolicyDocuments.parse("{\"endpoint\": \"a\",\n \"minCapacity\": 1 \"maxCapacity\": 2}"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEmpty();
                    assertThat(e.getMessage()).contains("line 2");
                });
    }

    @Test
    void aDuplicateFieldIsRefused() {
        assertThatThrownBy(() -> PolicyDocuments.parse("{\"endpoint\": \"a\", \"minCapacity\": 1, \"minCapacity\": 3, \"maxCapacity\": 4}"))
                .isInstanceOf(PolicyValidationException.class).hasMessageContaining("minCapacity");
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertThatThrownBy(() -> PolicyDocuments.parse("  ")).isInstanceOf(PolicyValidationException.class).hasMessageContaining("empty");
    }

    @Test
    void startAndEndTimesAcceptTheFormsAwsPrints() {
        final ScalingPolicy policy = PolicyDocuments.parse("""
                {"endpoint": "a", "minCapacity": 1, "maxCapacity": 9, "scheduled": [
                  {"Schedule": "rate(1 hour)", "StartTime": "2026-12-01T00:00:00+00:00", "EndTime": "2026-12-02T01:00:00.000Z",
                   "ScalableTargetAction": {"MinCapacity": 2}},
                  {"Schedule": "rate(2 hours)", "StartTime": "2026-12-01T00:00:00", "EndTime": 1796169600,
                   "ScalableTargetAction": {"MinCapacity": 3}}]}
                """);

        assertThat(policy.getScheduled().get(0).getStartTime()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(policy.getScheduled().get(0).getEndTime()).isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
        assertThat(policy.getScheduled().get(1).getStartTime()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(policy.getScheduled().get(1).getEndTime()).isEqualTo(Instant.ofEpochSecond(1796169600));
    }

    @Test
    void aScheduledActionPastedFromDescribeScheduledActionsKeepsItsNameAndDropsAwsBookkeeping() {
        final ScalingPolicy policy = PolicyDocuments.parse("""
                {"endpoint": "my-endpoint", "minCapacity": 1, "maxCapacity": 9, "scheduled": [{
                  "ScheduledActionName": "my-recurring-action",
                  "ScheduledActionARN": "arn:aws:autoscaling:us-west-2:123456789012:scheduledAction:1f3c:resource/sagemaker/endpoint/my-endpoint/variant/AllTraffic:scheduledActionName/my-recurring-action",
                  "ServiceNamespace": "sagemaker", "Schedule": "cron(15 12 * * ? *)", "Timezone": "UTC",
                  "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
                  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
                  "ScalableTargetAction": {"MinCapacity": 2, "MaxCapacity": 5},
                  "CreationTime": "2026-11-01T12:00:00.000Z"}]}
                """);

        assertThat(policy.getScheduled()).containsExactly(
                new ScheduledRule("my-recurring-action", "cron(15 12 * * ? *)", "UTC", null, null, 2, 5));
    }

    @Test
    void parseValidatesValues() {
        assertThatThrownBy(() -> PolicyDocuments.parse("{\"endpoint\": \"a\", \"minCapacity\": -1, \"maxCapacity\": 2}"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.field()).isEqualTo("minCapacity"));
    }
}
