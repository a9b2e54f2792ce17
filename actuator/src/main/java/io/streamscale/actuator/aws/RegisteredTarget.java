package io.streamscale.actuator.aws;

import io.streamscale.actuator.rules.CapacityBounds;

/**
 * An endpoint variant's Application Auto Scaling registration as DescribeScalableTargets reports it.
 *
 * @param bounds              MinCapacity and MaxCapacity
 * @param dynamicScaleInSuspended  SuspendedState.DynamicScalingInSuspended
 * @param dynamicScaleOutSuspended SuspendedState.DynamicScalingOutSuspended
 */
public record RegisteredTarget(CapacityBounds bounds, boolean dynamicScaleInSuspended, boolean dynamicScaleOutSuspended) {
}
