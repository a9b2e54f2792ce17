package io.streamscale.signals.decision;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import java.util.Optional;

/** Step scaling as Application Auto Scaling evaluates it: the alarm, the step, the new capacity. */
final class StepAdjustments {

    private StepAdjustments() {
    }

    /** Whether the metric breaches the rule's alarm threshold. */
    static boolean breaches(final StepScalingRule rule, final double metric) {
        final double threshold = rule.getThreshold();
        final ComparisonOperator comparison = rule.getComparison();
        return switch (comparison) {
            case GreaterThanThreshold -> metric > threshold;
            case GreaterThanOrEqualToThreshold -> metric >= threshold;
            case LessThanThreshold -> metric < threshold;
            case LessThanOrEqualToThreshold -> metric <= threshold;
        };
    }

    /**
     * The step whose interval holds {@code metric - threshold}. Bounds are relative to the threshold,
     * null is infinity. As AWS documents: above the threshold the lower bound is inclusive and the
     * upper exclusive; below it the lower bound is exclusive and the upper inclusive.
     */
    static Optional<StepAdjustment> step(final StepScalingRule rule, final double metric) {
        final double difference = metric - rule.getThreshold();
        final boolean above = difference >= 0;
        for (final StepAdjustment step : rule.getStepAdjustments()) {
            final double lower = step.getMetricIntervalLowerBound() == null ? Double.NEGATIVE_INFINITY
                    : step.getMetricIntervalLowerBound();
            final double upper = step.getMetricIntervalUpperBound() == null ? Double.POSITIVE_INFINITY
                    : step.getMetricIntervalUpperBound();
            final boolean inside = above ? difference >= lower && difference < upper
                    : difference > lower && difference <= upper;
            if (inside) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * The capacity after applying {@code step} to {@code base}. PercentChangeInCapacity rounds as AWS
     * does (above 1 down, between 0 and 1 to 1, between -1 and 0 to -1, below -1 up) and then applies
     * MinAdjustmentMagnitude to the size of the change.
     */
    static int apply(final StepScalingRule rule, final StepAdjustment step, final int base) {
        final int adjustment = step.getScalingAdjustment();
        final AdjustmentType type = rule.getAdjustmentType();
        return switch (type) {
            case ExactCapacity -> Math.max(0, adjustment);
            case ChangeInCapacity -> Math.max(0, base + adjustment);
            case PercentChangeInCapacity -> Math.max(0, base + percentChange(base, adjustment,
                    rule.getMinAdjustmentMagnitude()));
        };
    }

    static int percentChange(final int base, final int percent, final Integer minAdjustmentMagnitude) {
        final double raw = base * percent / 100.0;
        final int rounded;
        if (raw > 1) {
            rounded = (int) Math.floor(raw);
        } else if (raw > 0) {
            rounded = 1;
        } else if (raw == 0) {
            rounded = 0;
        } else if (raw >= -1) {
            rounded = -1;
        } else {
            rounded = (int) Math.ceil(raw);
        }
        if (minAdjustmentMagnitude != null && rounded != 0 && Math.abs(rounded) < minAdjustmentMagnitude) {
            return Integer.signum(rounded) * minAdjustmentMagnitude;
        }
        return rounded;
    }

    /** "+2", "-1", "+10 %", "= 6": how the step reads in a reason. */
    static String describe(final StepScalingRule rule, final StepAdjustment step) {
        final int adjustment = step.getScalingAdjustment();
        return switch (rule.getAdjustmentType()) {
            case ExactCapacity -> "exactly " + adjustment;
            case ChangeInCapacity -> (adjustment >= 0 ? "+" : "") + adjustment;
            case PercentChangeInCapacity -> (adjustment >= 0 ? "+" : "") + adjustment + " %";
        };
    }
}
