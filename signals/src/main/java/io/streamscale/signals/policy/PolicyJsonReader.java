package io.streamscale.signals.policy;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.Budget;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;

/**
 * Maps one policy document (docs/POLICIES.md) onto a {@link ScalingPolicy}: StreamScale's camelCase
 * fields, and AWS's own sub-documents under AWS's field names. Structure only (types, required
 * fields, unknown fields); {@link PolicyValidator} checks the values.
 */
final class PolicyJsonReader {

    static final String TARGET_TRACKING = "targetTracking";
    static final String STEP_SCALING = "stepScaling";
    static final String SCHEDULED = "scheduled";
    static final String STEP_CONFIGURATION = "StepScalingPolicyConfiguration";
    static final String STEP_ADJUSTMENTS = "StepAdjustments";
    static final String PREDEFINED = "PredefinedMetricSpecification";
    static final String CUSTOMIZED = "CustomizedMetricSpecification";
    static final String TARGET_ACTION = "ScalableTargetAction";

    private PolicyJsonReader() {
    }

    static ScalingPolicy read(final JsonFields doc) {
        final ScalingPolicy.Builder policy = ScalingPolicy.newBuilder()
                .setEndpoint(doc.requireText("endpoint"))
                .setVariant(doc.text("variant", EndpointKey.DEFAULT_VARIANT))
                .setMinCapacity(doc.requireInt("minCapacity"))
                .setMaxCapacity(doc.requireInt("maxCapacity"))
                .setTargetTracking(doc.array(TARGET_TRACKING, PolicyJsonReader::targetTracking))
                .setStepScaling(doc.array(STEP_SCALING, PolicyJsonReader::stepScaling))
                .setScheduled(doc.array(SCHEDULED, PolicyJsonReader::scheduled))
                .setMaxStepOut(doc.optInt("maxStepOut"))
                .setDryRun(doc.boolOr("dryRun", false))
                .setBackend(doc.has("backend") ? doc.requireText("backend") : null);
        final JsonFields sustain = doc.optObject("sustain");
        if (sustain != null) {
            policy.setScaleOutSustainSeconds(sustain.intOr("scaleOutSeconds", policy.getScaleOutSustainSeconds()));
            policy.setScaleInSustainSeconds(sustain.intOr("scaleInSeconds", policy.getScaleInSustainSeconds()));
            sustain.rejectUnknown();
        }
        final JsonFields stabilization = doc.optObject("stabilization");
        if (stabilization != null) {
            policy.setScaleInStabilizationSeconds(stabilization.intOr("scaleInSeconds", policy.getScaleInStabilizationSeconds()));
            stabilization.rejectUnknown();
        }
        final JsonFields panic = doc.optObject("panic");
        if (panic != null) {
            policy.setPanicThresholdRatio(panic.requireDouble("thresholdRatio"));
            panic.rejectUnknown();
        }
        final JsonFields budget = doc.optObject("budget");
        if (budget != null) {
            policy.setBudget(new Budget(budget.requireDouble("instanceHourlyPrice"), budget.requireDouble("monthlyCap")));
            budget.rejectUnknown();
        }
        final JsonFields predictive = doc.optObject("predictive");
        if (predictive != null) {
            policy.setPredictive(new Predictive(predictive.requireInt("warmupSeconds"), predictive.optInt("horizonSeconds")));
            predictive.rejectUnknown();
        }
        final Instant updatedAt = updatedAt(doc);
        if (updatedAt != null) {
            policy.setUpdatedAt(updatedAt);
        }
        doc.rejectUnknown();
        return policy.build();
    }

    /** updatedAt is epoch milliseconds, as every StreamScale time in JSON is; an ISO-8601 string is accepted too. */
    private static Instant updatedAt(final JsonFields doc) {
        return doc.optEpochMillis("updatedAt");
    }

    /** A TargetTrackingScalingPolicyConfiguration, AWS field names. */
    static TargetTrackingRule targetTracking(final JsonFields rule) {
        final double target = rule.requireDouble("TargetValue");
        final String metric = trackedMetric(rule);
        final TargetTrackingRule built = TargetTrackingRule.newBuilder()
                .setMetric(metric)
                .setTargetValue(target)
                .setScaleOutCooldownSeconds(rule.optInt("ScaleOutCooldown"))
                .setScaleInCooldownSeconds(rule.optInt("ScaleInCooldown"))
                .setDisableScaleIn(rule.boolOr("DisableScaleIn", false))
                .build();
        rule.rejectUnknown();
        return built;
    }

    private static String trackedMetric(final JsonFields rule) {
        final JsonFields predefined = rule.optObject(PREDEFINED);
        final JsonFields customized = rule.optObject(CUSTOMIZED);
        if (predefined != null && customized != null) {
            throw new PolicyValidationException(rule.pathOf(CUSTOMIZED), "give either " + PREDEFINED + " or " + CUSTOMIZED + ", not both");
        }
        if (predefined != null) {
            final String type = predefined.requireText("PredefinedMetricType");
            predefined.ignore("ResourceLabel");
            predefined.rejectUnknown();
            return SignalMetrics.forPredefined(type).orElseThrow(() -> new PolicyValidationException(
                    predefined.pathOf("PredefinedMetricType"), "'" + type + "' has no StreamScale signal; the supported type is "
                            + SignalMetrics.SAGEMAKER_INVOCATIONS_PER_INSTANCE + ", or use " + CUSTOMIZED
                            + " with MetricName one of " + SignalMetrics.NAMES));
        }
        if (customized != null) {
            if (customized.has("Metrics")) {
                throw new PolicyValidationException(customized.pathOf("Metrics"),
                        "metric math is not supported; name one signal in MetricName, one of " + SignalMetrics.NAMES);
            }
            final String name = customized.requireText("MetricName");
            // The CloudWatch coordinates mean nothing here: the metric is a StreamScale signal.
            customized.ignore("Namespace", "Dimensions", "Statistic", "Unit");
            customized.rejectUnknown();
            return name;
        }
        throw new PolicyValidationException(rule.pathOf(PREDEFINED), "is required: give " + PREDEFINED + " or " + CUSTOMIZED);
    }

    /** A CloudWatch-style alarm on a signal (metric, threshold, comparison) with its StepScalingPolicyConfiguration. */
    static StepScalingRule stepScaling(final JsonFields rule) {
        final StepScalingRule.Builder built = StepScalingRule.newBuilder()
                .setMetric(rule.requireText("metric"))
                .setThreshold(rule.requireDouble("threshold"))
                .setComparison(rule.requireEnum("comparison", ComparisonOperator.class));
        final JsonFields configuration = rule.object(STEP_CONFIGURATION);
        stepConfiguration(configuration, built);
        rule.rejectUnknown();
        return built.build();
    }

    static void stepConfiguration(final JsonFields configuration, final StepScalingRule.Builder rule) {
        rule.setAdjustmentType(configuration.requireEnum("AdjustmentType", AdjustmentType.class))
                .setStepAdjustments(configuration.array(STEP_ADJUSTMENTS, PolicyJsonReader::stepAdjustment))
                .setMinAdjustmentMagnitude(configuration.optInt("MinAdjustmentMagnitude"))
                .setCooldownSeconds(configuration.optInt("Cooldown"));
        if (!configuration.has(STEP_ADJUSTMENTS)) {
            throw new PolicyValidationException(configuration.pathOf(STEP_ADJUSTMENTS), "is required");
        }
        // Signals are already aggregated per window, so how CloudWatch would aggregate datapoints does not apply.
        configuration.ignore("MetricAggregationType");
        configuration.rejectUnknown();
    }

    private static StepAdjustment stepAdjustment(final JsonFields step) {
        final StepAdjustment built = StepAdjustment.newBuilder()
                .setMetricIntervalLowerBound(step.optDouble("MetricIntervalLowerBound"))
                .setMetricIntervalUpperBound(step.optDouble("MetricIntervalUpperBound"))
                .setScalingAdjustment(step.requireInt("ScalingAdjustment"))
                .build();
        step.rejectUnknown();
        return built;
    }

    /** A ScheduledAction, AWS field names; describe-scheduled-actions' bookkeeping fields are accepted and dropped. */
    static ScheduledRule scheduled(final JsonFields action) {
        final ScheduledRule.Builder rule = ScheduledRule.newBuilder()
                .setName(action.text("ScheduledActionName", ""))
                .setSchedule(action.requireText("Schedule"))
                .setTimezone(action.text("Timezone", "UTC"))
                .setStartTime(action.optInstant("StartTime"))
                .setEndTime(action.optInstant("EndTime"));
        final JsonFields target = action.optObject(TARGET_ACTION);
        if (target != null) {
            rule.setMinCapacity(target.optInt("MinCapacity")).setMaxCapacity(target.optInt("MaxCapacity"));
            target.rejectUnknown();
        } else {
            rule.setMinCapacity(null).setMaxCapacity(null);
        }
        action.ignore("ScheduledActionARN", "ServiceNamespace", "ResourceId", "ScalableDimension", "CreationTime");
        action.rejectUnknown();
        return rule.build();
    }
}
