package io.streamscale.signals.policy;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.Budget;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The value rules a policy must meet before it reaches the scaling-policies topic, each problem named
 * by its path in the JSON document (docs/POLICIES.md lists the messages):
 * names as SageMaker allows them, 0 ≤ min ≤ max, positive targets and known metric names, step
 * adjustments as AWS accepts them, schedules that parse, positive budget and predictive values.
 */
public final class PolicyValidator {

    /** The hours in a month AWS prices by (365 × 24 / 12), as the decision engine's budget uses. */
    public static final double HOURS_PER_MONTH = 730;
    /** Actuator backends a policy may pick (the actuator's Backend names). */
    public static final List<String> BACKENDS = List.of("sagemaker", "application-autoscaling");

    private static final String STEPS = PolicyJsonReader.STEP_CONFIGURATION + "." + PolicyJsonReader.STEP_ADJUSTMENTS;

    private final List<PolicyProblem> problems = new ArrayList<>();

    private PolicyValidator() {
    }

    /** Throws a {@link PolicyValidationException} naming every problem, or returns the policy unchanged. */
    public static ScalingPolicy validate(final ScalingPolicy policy) {
        final List<PolicyProblem> found = problems(policy);
        if (!found.isEmpty()) {
            throw new PolicyValidationException(found);
        }
        return policy;
    }

    /** Every problem with the policy, in document order; empty when it is valid. */
    public static List<PolicyProblem> problems(final ScalingPolicy policy) {
        final PolicyValidator validator = new PolicyValidator();
        validator.check(policy);
        return List.copyOf(validator.problems);
    }

    private void check(final ScalingPolicy policy) {
        name("endpoint", policy.getEndpoint(), "endpoint");
        name("variant", policy.getVariant(), "variant");
        if (policy.getMinCapacity() < 0) {
            problem("minCapacity", "must be 0 or more, not " + policy.getMinCapacity());
        }
        if (policy.getMaxCapacity() < policy.getMinCapacity()) {
            problem("maxCapacity", "must be at least minCapacity (" + policy.getMinCapacity() + "), not " + policy.getMaxCapacity());
        }
        for (int i = 0; i < policy.getTargetTracking().size(); i++) {
            targetTracking(PolicyJsonReader.TARGET_TRACKING + "[" + i + "]", policy.getTargetTracking().get(i));
        }
        for (int i = 0; i < policy.getStepScaling().size(); i++) {
            stepScaling(PolicyJsonReader.STEP_SCALING + "[" + i + "]", policy.getStepScaling().get(i));
        }
        final Set<String> scheduledNames = new HashSet<>();
        for (int i = 0; i < policy.getScheduled().size(); i++) {
            final String path = PolicyJsonReader.SCHEDULED + "[" + i + "]";
            final ScheduledRule rule = policy.getScheduled().get(i);
            scheduled(path, rule);
            if (!rule.getName().isEmpty() && !scheduledNames.add(rule.getName())) {
                problem(path + ".ScheduledActionName", "'" + rule.getName() + "' names two scheduled actions; names must be unique");
            }
        }
        atLeast("sustain.scaleOutSeconds", policy.getScaleOutSustainSeconds(), 0);
        atLeast("sustain.scaleInSeconds", policy.getScaleInSustainSeconds(), 0);
        atLeast("stabilization.scaleInSeconds", policy.getScaleInStabilizationSeconds(), 0);
        if (policy.getPanicThresholdRatio() != null && !(policy.getPanicThresholdRatio() > 1.0)) {
            problem("panic.thresholdRatio", "must be more than 1 (a multiple of the target), not " + policy.getPanicThresholdRatio());
        }
        if (policy.getMaxStepOut() != null) {
            atLeast("maxStepOut", policy.getMaxStepOut(), 1);
        }
        budget(policy.getBudget(), policy.getMinCapacity());
        predictive(policy.getPredictive());
        if (policy.getBackend() != null && !BACKENDS.contains(policy.getBackend())) {
            problem("backend", "'" + policy.getBackend() + "' is not one of " + String.join(", ", BACKENDS));
        }
    }

    private void name(final String path, final String value, final String what) {
        if (!EndpointKey.isValidName(value)) {
            problem(path, "'" + value + "' is not a SageMaker " + what
                    + " name: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit");
        }
    }

    private void targetTracking(final String path, final TargetTrackingRule rule) {
        if (!(rule.getTargetValue() > 0)) {
            problem(path + ".TargetValue", "must be more than 0, not " + rule.getTargetValue());
        }
        if (!SignalMetrics.isKnown(rule.getMetric())) {
            problem(path + "." + PolicyJsonReader.CUSTOMIZED + ".MetricName", unknownMetric(rule.getMetric()));
        }
        if (rule.getScaleOutCooldownSeconds() != null) {
            atLeast(path + ".ScaleOutCooldown", rule.getScaleOutCooldownSeconds(), 0);
        }
        if (rule.getScaleInCooldownSeconds() != null) {
            atLeast(path + ".ScaleInCooldown", rule.getScaleInCooldownSeconds(), 0);
        }
    }

    private void stepScaling(final String path, final StepScalingRule rule) {
        if (!SignalMetrics.isKnown(rule.getMetric())) {
            problem(path + ".metric", unknownMetric(rule.getMetric()));
        }
        final String configuration = path + "." + PolicyJsonReader.STEP_CONFIGURATION;
        if (rule.getMinAdjustmentMagnitude() != null) {
            if (rule.getAdjustmentType() != AdjustmentType.PercentChangeInCapacity) {
                problem(configuration + ".MinAdjustmentMagnitude", "applies only when AdjustmentType is PercentChangeInCapacity, not "
                        + rule.getAdjustmentType());
            } else {
                atLeast(configuration + ".MinAdjustmentMagnitude", rule.getMinAdjustmentMagnitude(), 1);
            }
        }
        if (rule.getCooldownSeconds() != null) {
            atLeast(configuration + ".Cooldown", rule.getCooldownSeconds(), 0);
        }
        stepAdjustments(path + "." + STEPS, rule);
    }

    /** AWS's rules for StepAdjustments: bounds relative to the threshold, no overlap, no gap, one open end each way. */
    private void stepAdjustments(final String path, final StepScalingRule rule) {
        final List<StepAdjustment> steps = rule.getStepAdjustments();
        if (steps.isEmpty()) {
            problem(path, "needs at least one step adjustment");
            return;
        }
        int openBelow = 0;
        int openAbove = 0;
        boolean negativeLower = false;
        boolean positiveUpper = false;
        boolean boundsValid = true;
        for (int j = 0; j < steps.size(); j++) {
            final StepAdjustment step = steps.get(j);
            final Double lower = step.getMetricIntervalLowerBound();
            final Double upper = step.getMetricIntervalUpperBound();
            final String at = path + "[" + j + "]";
            if (rule.getAdjustmentType() == AdjustmentType.ExactCapacity && step.getScalingAdjustment() < 0) {
                problem(at + ".ScalingAdjustment", "must be 0 or more with ExactCapacity, not " + step.getScalingAdjustment());
            }
            if (lower == null && upper == null) {
                problem(at, "needs MetricIntervalLowerBound or MetricIntervalUpperBound; both may not be null in one step");
                boundsValid = false;
                continue;
            }
            if (lower != null && upper != null && !(lower < upper)) {
                problem(at + ".MetricIntervalUpperBound", "must be more than MetricIntervalLowerBound (" + lower + "), not " + upper);
                boundsValid = false;
            }
            openBelow += lower == null ? 1 : 0;
            openAbove += upper == null ? 1 : 0;
            negativeLower |= lower != null && lower < 0;
            positiveUpper |= upper != null && upper > 0;
        }
        if (openBelow > 1) {
            problem(path, "at most one step adjustment may have a null MetricIntervalLowerBound, found " + openBelow);
            boundsValid = false;
        }
        if (openAbove > 1) {
            problem(path, "at most one step adjustment may have a null MetricIntervalUpperBound, found " + openAbove);
            boundsValid = false;
        }
        if (negativeLower && openBelow == 0) {
            problem(path, "a step has a negative MetricIntervalLowerBound, so one step needs a null MetricIntervalLowerBound");
        }
        if (positiveUpper && openAbove == 0) {
            problem(path, "a step has a positive MetricIntervalUpperBound, so one step needs a null MetricIntervalUpperBound");
        }
        if (boundsValid) {
            contiguous(path, steps);
        }
    }

    /** Sorted by lower bound, each step must start exactly where the previous one ends. */
    private void contiguous(final String path, final List<StepAdjustment> steps) {
        final List<Integer> order = new ArrayList<>();
        for (int j = 0; j < steps.size(); j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble(j -> lowerOf(steps.get(j))));
        for (int k = 1; k < order.size(); k++) {
            final StepAdjustment previous = steps.get(order.get(k - 1));
            final StepAdjustment step = steps.get(order.get(k));
            final String at = path + "[" + order.get(k) + "].MetricIntervalLowerBound";
            final double previousUpper = upperOf(previous);
            final double lower = lowerOf(step);
            if (lower < previousUpper) {
                problem(at, "step overlaps step " + order.get(k - 1) + ", which ends at " + format(previousUpper) + "; ranges may not overlap");
            } else if (lower > previousUpper) {
                problem(at, "leaves a gap after step " + order.get(k - 1) + ", which ends at " + format(previousUpper)
                        + "; ranges may not have gaps");
            }
        }
    }

    private static double lowerOf(final StepAdjustment step) {
        return step.getMetricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY : step.getMetricIntervalLowerBound();
    }

    private static double upperOf(final StepAdjustment step) {
        return step.getMetricIntervalUpperBound() == null ? Double.POSITIVE_INFINITY : step.getMetricIntervalUpperBound();
    }

    private void scheduled(final String path, final ScheduledRule rule) {
        boolean zoneValid = true;
        try {
            ZoneId.of(rule.getTimezone());
        } catch (final RuntimeException e) {
            problem(path + ".Timezone", "'" + rule.getTimezone() + "' is not an IANA time zone name such as America/New_York");
            zoneValid = false;
        }
        if (zoneValid) {
            try {
                ScheduleExpression.parse(rule.getSchedule(), rule.getTimezone());
            } catch (final IllegalArgumentException e) {
                problem(path + ".Schedule", e.getMessage());
            }
        }
        final String target = path + "." + PolicyJsonReader.TARGET_ACTION;
        if (rule.getMinCapacity() == null && rule.getMaxCapacity() == null) {
            problem(target, "needs MinCapacity, MaxCapacity or both");
        }
        if (rule.getMinCapacity() != null) {
            atLeast(target + ".MinCapacity", rule.getMinCapacity(), 0);
        }
        if (rule.getMaxCapacity() != null && rule.getMinCapacity() != null && rule.getMaxCapacity() < rule.getMinCapacity()) {
            problem(target + ".MaxCapacity", "must be at least MinCapacity (" + rule.getMinCapacity() + "), not " + rule.getMaxCapacity());
        }
        if (rule.getMaxCapacity() != null) {
            atLeast(target + ".MaxCapacity", rule.getMaxCapacity(), 0);
        }
        if (rule.getStartTime() != null && rule.getEndTime() != null && !rule.getEndTime().isAfter(rule.getStartTime())) {
            problem(path + ".EndTime", "must be after StartTime (" + rule.getStartTime() + "), not " + rule.getEndTime());
        }
    }

    private void budget(final Budget budget, final int minCapacity) {
        if (budget == null) {
            return;
        }
        final boolean priced = budget.getInstanceHourlyPrice() > 0;
        if (!priced) {
            problem("budget.instanceHourlyPrice", "must be more than 0, not " + budget.getInstanceHourlyPrice());
        }
        if (!(budget.getMonthlyCap() > 0)) {
            problem("budget.monthlyCap", "must be more than 0, not " + budget.getMonthlyCap());
        } else if (priced) {
            final double floor = minCapacity * budget.getInstanceHourlyPrice() * HOURS_PER_MONTH;
            if (budget.getMonthlyCap() < floor) {
                problem("budget.monthlyCap", "is below the cost of minCapacity alone (" + minCapacity + " × "
                        + format(budget.getInstanceHourlyPrice()) + " × 730 h = " + format(floor) + " per month), so it could never be met");
            }
        }
    }

    private void predictive(final Predictive predictive) {
        if (predictive == null) {
            return;
        }
        atLeast("predictive.warmupSeconds", predictive.getWarmupSeconds(), 1);
        if (predictive.getHorizonSeconds() != null) {
            atLeast("predictive.horizonSeconds", predictive.getHorizonSeconds(), 1);
        }
    }

    private void atLeast(final String path, final int value, final int minimum) {
        if (value < minimum) {
            problem(path, "must be " + (minimum == 1 ? "more than 0" : minimum + " or more") + ", not " + value);
        }
    }

    private static String unknownMetric(final String metric) {
        return "'" + metric + "' is not a signal; expected one of " + String.join(", ", SignalMetrics.NAMES);
    }

    private static String format(final double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private void problem(final String field, final String message) {
        problems.add(new PolicyProblem(field, message));
    }
}
