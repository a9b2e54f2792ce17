package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Inputs shaped as the AWS CLI and the SageMaker and Application Auto Scaling guides show them. */
class AwsPolicyImportTest {

    private static final AwsPolicyImport.Options ONE_TO_FOUR = new AwsPolicyImport.Options(1, 4, null, null, null);

    /** The SageMaker guide's config.json for put-scaling-policy --target-tracking-scaling-policy-configuration. */
    private static final String GUIDE_CONFIG = """
            {
                "TargetValue": 70.0,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
                "ScaleInCooldown": 600,
                "ScaleOutCooldown": 300
            }
            """;

    private static final String POLICY_ARN = "arn:aws:autoscaling:us-west-2:123456789012:scalingPolicy:"
            + "ac542982-cbeb-4294-891c-a5a941dfa787:resource/sagemaker/endpoint/my-endpoint/variant/my-variant:policyName/my-step-policy";

    /** describe-scalable-targets, describe-scaling-policies and describe-scheduled-actions output in one file. */
    private static final String DESCRIBE_OUTPUTS = """
            [
              {"ScalableTargets": [
                {"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/my-endpoint/variant/my-variant",
                 "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 8,
                 "RoleARN": "arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint",
                 "CreationTime": 1572305034.548,
                 "SuspendedState": {"DynamicScalingInSuspended": false, "DynamicScalingOutSuspended": false, "ScheduledScalingSuspended": false}}
              ]},
              {"ScalingPolicies": [
                {"PolicyARN": "arn:aws:autoscaling:us-west-2:123456789012:scalingPolicy:5a0c3e7c-0e1b-4c1a-9e0a-6c0e1f1a2b3c:resource/sagemaker/endpoint/my-endpoint/variant/my-variant:policyName/my-scaling-policy",
                 "PolicyName": "my-scaling-policy", "ServiceNamespace": "sagemaker",
                 "ResourceId": "endpoint/my-endpoint/variant/my-variant",
                 "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "TargetTrackingScaling",
                 "TargetTrackingScalingPolicyConfiguration": {
                   "TargetValue": 70.0,
                   "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
                   "ScaleOutCooldown": 60, "ScaleInCooldown": 600},
                 "Alarms": [
                   {"AlarmName": "TargetTracking-endpoint/my-endpoint/variant/my-variant-AlarmHigh-b4e2f3c0", "AlarmARN": "arn:aws:cloudwatch:us-west-2:123456789012:alarm:TargetTracking-endpoint/my-endpoint/variant/my-variant-AlarmHigh-b4e2f3c0"},
                   {"AlarmName": "TargetTracking-endpoint/my-endpoint/variant/my-variant-AlarmLow-7d1a9e55", "AlarmARN": "arn:aws:cloudwatch:us-west-2:123456789012:alarm:TargetTracking-endpoint/my-endpoint/variant/my-variant-AlarmLow-7d1a9e55"}],
                 "CreationTime": "2026-10-29T09:10:11.123000+00:00"},
                {"PolicyARN": "arn:aws:autoscaling:us-west-2:123456789012:scalingPolicy:0b6f:resource/sagemaker/endpoint/other-endpoint/variant/AllTraffic:policyName/other",
                 "PolicyName": "other", "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/other-endpoint/variant/AllTraffic",
                 "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "TargetTrackingScaling",
                 "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 500.0,
                   "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}},
                 "Alarms": [], "CreationTime": 1572305034.548}
              ]},
              {"ScheduledActions": [
                {"ScheduledActionName": "my-recurring-action",
                 "ScheduledActionARN": "arn:aws:autoscaling:us-west-2:123456789012:scheduledAction:8e31:resource/sagemaker/endpoint/my-endpoint/variant/my-variant:scheduledActionName/my-recurring-action",
                 "ServiceNamespace": "sagemaker", "Schedule": "cron(15 12 * * ? *)", "Timezone": "America/New_York",
                 "ResourceId": "endpoint/my-endpoint/variant/my-variant", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
                 "StartTime": "2026-12-01T00:00:00+00:00",
                 "ScalableTargetAction": {"MinCapacity": 2, "MaxCapacity": 6}, "CreationTime": 1572305034.548}
              ]}
            ]
            """;

    @Test
    void aBareTargetTrackingConfigurationFromTheSageMakerGuideBecomesATargetTrackingRule() {
        final ScalingPolicy policy = AwsPolicyImport.fromAws(GUIDE_CONFIG, "my-endpoint", "my-variant", ONE_TO_FOUR);

        assertThat(policy.getEndpoint()).isEqualTo("my-endpoint");
        assertThat(policy.getVariant()).isEqualTo("my-variant");
        assertThat(policy.getMinCapacity()).isEqualTo(1);
        assertThat(policy.getMaxCapacity()).isEqualTo(4);
        assertThat(policy.getTargetTracking()).containsExactly(new TargetTrackingRule("invocationsPerInstance", 70.0, 300, 600, false));
    }

    @Test
    void aBareConfigurationWithoutACapacityRangeSaysWhereToGetOne() {
        assertThatThrownBy(() -> AwsPolicyImport.fromAws(GUIDE_CONFIG, "my-endpoint", null))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("MinCapacity");
                    assertThat(e.getMessage()).contains("describe-scalable-targets").contains("--min-capacity");
                });
    }

    @Test
    void aBareConfigurationWithoutAnEndpointCannotBeImported() {
        assertThatThrownBy(() -> AwsPolicyImport.fromAws(GUIDE_CONFIG, null, null, ONE_TO_FOUR))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.field()).isEqualTo("ResourceId"));
    }

    @Test
    void describeOutputsCombineIntoOnePolicyForTheEndpointAskedFor() {
        final ScalingPolicy policy = AwsPolicyImport.fromAws(DESCRIBE_OUTPUTS, "my-endpoint", "my-variant");

        assertThat(policy.getMinCapacity()).isEqualTo(1);
        assertThat(policy.getMaxCapacity()).isEqualTo(8);
        assertThat(policy.getTargetTracking()).containsExactly(new TargetTrackingRule("invocationsPerInstance", 70.0, 60, 600, false));
        assertThat(policy.getScheduled()).containsExactly(new ScheduledRule("my-recurring-action", "cron(15 12 * * ? *)",
                "America/New_York", Instant.parse("2026-12-01T00:00:00Z"), null, 2, 6));
    }

    @Test
    void theOtherEndpointInTheSameOutputCanBeImportedOnItsOwn() {
        final ScalingPolicy policy = AwsPolicyImport.fromAws(DESCRIBE_OUTPUTS, "other-endpoint", null, ONE_TO_FOUR);

        assertThat(policy.getVariant()).isEqualTo("AllTraffic");
        assertThat(policy.getTargetTracking()).extracting(TargetTrackingRule::getTargetValue).containsExactly(500.0);
        assertThat(policy.getScheduled()).isEmpty();
    }

    @Test
    void withoutAnEndpointAnOutputListingSeveralVariantsIsAmbiguous() {
        assertThatThrownBy(() -> AwsPolicyImport.fromAws(DESCRIBE_OUTPUTS, null, null))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("ResourceId");
                    assertThat(e.getMessage()).contains("my-endpoint/my-variant").contains("other-endpoint/AllTraffic");
                });
    }

    @Test
    void anEndpointNotInTheInputIsRefused() {
        assertThatThrownBy(() -> AwsPolicyImport.fromAws(DESCRIBE_OUTPUTS, "missing-endpoint", null))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.getMessage()).contains("missing-endpoint"));
    }

    @Test
    void putScalingPolicyAndRegisterScalableTargetInputsNameTheirOwnEndpoint() {
        final String cliInputs = """
                [
                  {"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/fraud-model/variant/AllTraffic",
                   "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 2, "MaxCapacity": 20},
                  {"PolicyName": "p95-latency", "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/fraud-model/variant/AllTraffic",
                   "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "TargetTrackingScaling",
                   "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 300,
                     "CustomizedMetricSpecification": {"MetricName": "p95LatencyMs"}, "DisableScaleIn": true}}
                ]
                """;

        final ScalingPolicy policy = AwsPolicyImport.fromAws(cliInputs, null, null);

        assertThat(policy.getEndpoint()).isEqualTo("fraud-model");
        assertThat(policy.getVariant()).isEqualTo("AllTraffic");
        assertThat(policy.getMinCapacity()).isEqualTo(2);
        assertThat(policy.getMaxCapacity()).isEqualTo(20);
        assertThat(policy.getTargetTracking()).containsExactly(new TargetTrackingRule("p95LatencyMs", 300.0, null, null, true));
    }

    @Test
    void aStepScalingPolicyTakesItsMetricThresholdAndComparisonFromTheAlarmThatActsOnIt() {
        final String json = """
                {
                  "ScalableTargets": [{"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/my-endpoint/variant/my-variant",
                    "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10}],
                  "ScalingPolicies": [{
                    "PolicyARN": "%s",
                    "PolicyName": "my-step-policy", "ServiceNamespace": "sagemaker",
                    "ResourceId": "endpoint/my-endpoint/variant/my-variant",
                    "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "StepScaling",
                    "StepScalingPolicyConfiguration": {"AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 1,
                      "Cooldown": 120, "MetricAggregationType": "Average",
                      "StepAdjustments": [{"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 30.0, "ScalingAdjustment": 50},
                                          {"MetricIntervalLowerBound": 30.0, "ScalingAdjustment": 100}]},
                    "Alarms": [{"AlarmName": "my-endpoint-invocations-high", "AlarmARN": "arn:aws:cloudwatch:us-west-2:123456789012:alarm:my-endpoint-invocations-high"}],
                    "CreationTime": 1572305034.548}],
                  "MetricAlarms": [{
                    "AlarmName": "my-endpoint-invocations-high",
                    "AlarmArn": "arn:aws:cloudwatch:us-west-2:123456789012:alarm:my-endpoint-invocations-high",
                    "ActionsEnabled": true, "AlarmActions": ["%s"],
                    "MetricName": "InvocationsPerInstance", "Namespace": "AWS/SageMaker", "Statistic": "Sum",
                    "Dimensions": [{"Name": "EndpointName", "Value": "my-endpoint"}, {"Name": "VariantName", "Value": "my-variant"}],
                    "Period": 60, "EvaluationPeriods": 3, "Threshold": 100.0, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}]
                }
                """.formatted(POLICY_ARN, POLICY_ARN);

        final ScalingPolicy policy = AwsPolicyImport.fromAws(json, null, null);

        assertThat(policy.getStepScaling()).containsExactly(StepScalingRule.newBuilder()
                .setMetric("invocationsPerInstance").setThreshold(100.0)
                .setComparison(ComparisonOperator.GreaterThanOrEqualToThreshold)
                .setAdjustmentType(AdjustmentType.PercentChangeInCapacity).setMinAdjustmentMagnitude(1).setCooldownSeconds(120)
                .setStepAdjustments(java.util.List.of(new StepAdjustment(0.0, 30.0, 50), new StepAdjustment(30.0, null, 100)))
                .build());
    }

    @Test
    void aStepScalingPolicyWithoutItsAlarmSaysHowToSupplyIt() {
        final String json = """
                {"ScalingPolicies": [{"PolicyName": "scale-out", "ResourceId": "endpoint/my-endpoint/variant/my-variant",
                  "PolicyType": "StepScaling",
                  "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
                    "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]},
                  "Alarms": [{"AlarmName": "high"}]}]}
                """;

        assertThatThrownBy(() -> AwsPolicyImport.fromAws(json, null, null, ONE_TO_FOUR))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("ScalingPolicies[0].Alarms");
                    assertThat(e.getMessage()).contains("describe-alarms").contains("--alarm-metric");
                });
    }

    @Test
    void aBareStepConfigurationTakesItsAlarmFromTheOptions() {
        // The SageMaker guide's step policy that scales an endpoint out from zero instances.
        final String guideStep = """
                {"AdjustmentType": "ChangeInCapacity", "MetricAggregationType": "Maximum", "Cooldown": 60,
                 "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}
                """;

        final ScalingPolicy policy = AwsPolicyImport.fromAws(guideStep, "my-endpoint", null,
                new AwsPolicyImport.Options(0, 4, "queueDepthMax", 0.0, ComparisonOperator.GreaterThanThreshold));

        assertThat(policy.getMinCapacity()).isZero();
        assertThat(policy.getStepScaling()).singleElement().satisfies(rule -> {
            assertThat(rule.getMetric()).isEqualTo("queueDepthMax");
            assertThat(rule.getComparison()).isEqualTo(ComparisonOperator.GreaterThanThreshold);
            assertThat(rule.getStepAdjustments()).containsExactly(new StepAdjustment(0.0, null, 1));
        });
    }

    @Test
    void anAlarmOnACloudWatchMetricWithoutASignalIsRefusedByName() {
        final String json = """
                [{"AdjustmentType": "ChangeInCapacity", "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]},
                 {"MetricAlarms": [{"AlarmName": "cpu", "MetricName": "CPUUtilization", "Threshold": 80, "ComparisonOperator": "GreaterThanThreshold"}]}]
                """;

        assertThatThrownBy(() -> AwsPolicyImport.fromAws(json, "my-endpoint", null, ONE_TO_FOUR))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("[1].MetricAlarms[0].MetricName");
                    assertThat(e.getMessage()).contains("CPUUtilization");
                });
    }

    @Test
    void aCustomizedCloudWatchMetricIsRefusedByTheValidatorNamingTheField() {
        final String json = """
                {"TargetValue": 75, "CustomizedMetricSpecification": {"MetricName": "CPUUtilization", "Namespace": "/aws/sagemaker/Endpoints",
                  "Dimensions": [{"Name": "EndpointName", "Value": "my-endpoint"}, {"Name": "VariantName", "Value": "AllTraffic"}],
                  "Statistic": "Average", "Unit": "Percent"}}
                """;

        assertThatThrownBy(() -> AwsPolicyImport.fromAws(json, "my-endpoint", null, ONE_TO_FOUR))
                .isInstanceOfSatisfying(PolicyValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("targetTracking[0].CustomizedMetricSpecification.MetricName"));
    }

    @Test
    void awsPredictiveScalingIsNotImported() {
        final String json = """
                {"PolicyName": "predictive", "ResourceId": "endpoint/my-endpoint/variant/my-variant", "PolicyType": "PredictiveScaling",
                 "PredictiveScalingPolicyConfiguration": {"MetricSpecifications": [], "Mode": "ForecastOnly"}}
                """;

        assertThatThrownBy(() -> AwsPolicyImport.fromAws(json, null, null, ONE_TO_FOUR))
                .isInstanceOfSatisfying(PolicyValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("PredictiveScalingPolicyConfiguration"));
    }

    @Test
    void jsonOfNoAwsShapeIsRefused() {
        assertThatThrownBy(() -> AwsPolicyImport.fromAws("{\"Hello\": 1}", "my-endpoint", null, ONE_TO_FOUR))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.getMessage()).contains("ScalingPolicies"));
    }

    @Test
    void theImportedPolicyRoundTripsAsAStreamScaleDocument() {
        final ScalingPolicy policy = AwsPolicyImport.fromAws(DESCRIBE_OUTPUTS, "my-endpoint", "my-variant");

        assertThat(PolicyDocuments.parse(PolicyDocuments.toJson(policy))).isEqualTo(policy);
    }
}
