package io.streamscale.actuator;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.ScalingAction;

/**
 * What handling one decision produced: the outcome record for {@code scaling-actions} and, when the
 * actuator observed or ordered a capacity, the record for {@code endpoint-capacity} (else null).
 */
record DecisionResult(ScalingAction action, CapacityState capacity) {
}
