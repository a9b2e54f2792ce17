package io.streamscale.signals.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;

/**
 * Writes a {@link ScalingPolicy} back as its policy document, fields in the order docs/POLICIES.md
 * lists them, leaving out what is unset (null cooldowns, no budget, empty rule lists) so the output
 * reads like what a person would write, and {@link PolicyJsonReader} reads it back to an equal record.
 */
final class PolicyJsonWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PolicyJsonWriter() {
    }

    static ObjectNode write(final ScalingPolicy policy) {
        final ObjectNode doc = JSON.objectNode();
        doc.put("endpoint", policy.getEndpoint());
        doc.put("variant", policy.getVariant());
        doc.put("minCapacity", policy.getMinCapacity());
        doc.put("maxCapacity", policy.getMaxCapacity());
        if (!policy.getTargetTracking().isEmpty()) {
            final ArrayNode rules = doc.putArray(PolicyJsonReader.TARGET_TRACKING);
            policy.getTargetTracking().forEach(rule -> rules.add(targetTracking(rule)));
        }
        if (!policy.getStepScaling().isEmpty()) {
            final ArrayNode rules = doc.putArray(PolicyJsonReader.STEP_SCALING);
            policy.getStepScaling().forEach(rule -> rules.add(stepScaling(rule)));
        }
        if (!policy.getScheduled().isEmpty()) {
            final ArrayNode rules = doc.putArray(PolicyJsonReader.SCHEDULED);
            policy.getScheduled().forEach(rule -> rules.add(scheduled(rule)));
        }
        doc.putObject("sustain")
                .put("scaleOutSeconds", policy.getScaleOutSustainSeconds())
                .put("scaleInSeconds", policy.getScaleInSustainSeconds());
        doc.putObject("stabilization").put("scaleInSeconds", policy.getScaleInStabilizationSeconds());
        if (policy.getPanicThresholdRatio() != null) {
            number(doc.putObject("panic"), "thresholdRatio", policy.getPanicThresholdRatio());
        }
        if (policy.getMaxStepOut() != null) {
            doc.put("maxStepOut", policy.getMaxStepOut());
        }
        if (policy.getBudget() != null) {
            final ObjectNode budget = doc.putObject("budget");
            number(budget, "instanceHourlyPrice", policy.getBudget().getInstanceHourlyPrice());
            number(budget, "monthlyCap", policy.getBudget().getMonthlyCap());
        }
        if (policy.getPredictive() != null) {
            final ObjectNode predictive = doc.putObject("predictive").put("warmupSeconds", policy.getPredictive().getWarmupSeconds());
            if (policy.getPredictive().getHorizonSeconds() != null) {
                predictive.put("horizonSeconds", policy.getPredictive().getHorizonSeconds());
            }
        }
        doc.put("dryRun", policy.getDryRun());
        if (policy.getBackend() != null) {
            doc.put("backend", policy.getBackend());
        }
        if (policy.getUpdatedAt() != null && policy.getUpdatedAt().toEpochMilli() != 0) {
            doc.put("updatedAt", policy.getUpdatedAt().toEpochMilli());
        }
        return doc;
    }

    private static ObjectNode targetTracking(final TargetTrackingRule rule) {
        final ObjectNode out = JSON.objectNode();
        number(out, "TargetValue", rule.getTargetValue());
        if (rule.getScaleOutCooldownSeconds() != null) {
            out.put("ScaleOutCooldown", rule.getScaleOutCooldownSeconds());
        }
        if (rule.getScaleInCooldownSeconds() != null) {
            out.put("ScaleInCooldown", rule.getScaleInCooldownSeconds());
        }
        if (rule.getDisableScaleIn()) {
            out.put("DisableScaleIn", true);
        }
        SignalMetrics.predefinedFor(rule.getMetric()).ifPresentOrElse(
                type -> out.putObject(PolicyJsonReader.PREDEFINED).put("PredefinedMetricType", type),
                () -> out.putObject(PolicyJsonReader.CUSTOMIZED).put("MetricName", rule.getMetric()));
        return out;
    }

    private static ObjectNode stepScaling(final StepScalingRule rule) {
        final ObjectNode out = JSON.objectNode();
        out.put("metric", rule.getMetric());
        number(out, "threshold", rule.getThreshold());
        out.put("comparison", rule.getComparison().name());
        final ObjectNode configuration = out.putObject(PolicyJsonReader.STEP_CONFIGURATION);
        configuration.put("AdjustmentType", rule.getAdjustmentType().name());
        if (rule.getMinAdjustmentMagnitude() != null) {
            configuration.put("MinAdjustmentMagnitude", rule.getMinAdjustmentMagnitude());
        }
        if (rule.getCooldownSeconds() != null) {
            configuration.put("Cooldown", rule.getCooldownSeconds());
        }
        final ArrayNode steps = configuration.putArray(PolicyJsonReader.STEP_ADJUSTMENTS);
        for (final StepAdjustment step : rule.getStepAdjustments()) {
            final ObjectNode s = steps.addObject();
            if (step.getMetricIntervalLowerBound() != null) {
                number(s, "MetricIntervalLowerBound", step.getMetricIntervalLowerBound());
            }
            if (step.getMetricIntervalUpperBound() != null) {
                number(s, "MetricIntervalUpperBound", step.getMetricIntervalUpperBound());
            }
            s.put("ScalingAdjustment", step.getScalingAdjustment());
        }
        return out;
    }

    private static ObjectNode scheduled(final ScheduledRule rule) {
        final ObjectNode out = JSON.objectNode();
        if (!rule.getName().isEmpty()) {
            out.put("ScheduledActionName", rule.getName());
        }
        out.put("Schedule", rule.getSchedule());
        out.put("Timezone", rule.getTimezone());
        if (rule.getStartTime() != null) {
            out.put("StartTime", rule.getStartTime().toString());
        }
        if (rule.getEndTime() != null) {
            out.put("EndTime", rule.getEndTime().toString());
        }
        if (rule.getMinCapacity() != null || rule.getMaxCapacity() != null) {
            final ObjectNode target = out.putObject(PolicyJsonReader.TARGET_ACTION);
            if (rule.getMinCapacity() != null) {
                target.put("MinCapacity", rule.getMinCapacity());
            }
            if (rule.getMaxCapacity() != null) {
                target.put("MaxCapacity", rule.getMaxCapacity());
            }
        }
        return out;
    }

    /** Whole values print without a fraction (70, not 70.0), as people write them. */
    private static void number(final ObjectNode node, final String name, final double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }
}
