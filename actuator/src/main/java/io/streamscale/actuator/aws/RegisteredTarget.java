package io.streamscale.actuator.aws;

import io.streamscale.actuator.rules.CapacityBounds;

/**
 * An endpoint variant's Application Auto Scaling registration as DescribeScalableTargets reports it.
 *
 * @param bounds                    MinCapacity and MaxCapacity
 * @param dynamicScaleInSuspended   SuspendedState.DynamicScalingInSuspended
 * @param dynamicScaleOutSuspended  SuspendedState.DynamicScalingOutSuspended
 * @param scheduledScalingSuspended SuspendedState.ScheduledScalingSuspended (read, reported; AWS's own
 *                                  scheduled actions only, so it does not hold back StreamScale)
 */
public record RegisteredTarget(CapacityBounds bounds, boolean dynamicScaleInSuspended, boolean dynamicScaleOutSuspended,
        boolean scheduledScalingSuspended) {
}
