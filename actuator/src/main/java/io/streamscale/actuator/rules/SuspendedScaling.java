package io.streamscale.actuator.rules;

import java.util.Optional;

/**
 * Respects a scalable target the user suspended in Application Auto Scaling: while
 * {@code DynamicScalingInSuspended} is true StreamScale removes no capacity, while
 * {@code DynamicScalingOutSuspended} is true it adds none (AWS's own policies are held back the same
 * way). Whether a change is a scale-in or a scale-out is judged against the variant's
 * DesiredInstanceCount, i.e. by what the call would do, not by what the decision expected.
 */
public final class SuspendedScaling {

    private SuspendedScaling() {
    }

    /**
     * @param desiredNow   the variant's DesiredInstanceCount
     * @param target       the count the actuator would order
     * @param inSuspended  SuspendedState.DynamicScalingInSuspended
     * @param outSuspended SuspendedState.DynamicScalingOutSuspended
     * @param resourceId   the scalable target, for the message
     * @return why the change must not be made, or empty when it may
     */
    public static Optional<String> refusal(final int desiredNow, final int target, final boolean inSuspended,
            final boolean outSuspended, final String resourceId) {
        if (target < desiredNow && inSuspended) {
            return Optional.of("scale-in " + desiredNow + "->" + target + " not applied: DynamicScalingInSuspended is"
                    + " true for " + resourceId + " in Application Auto Scaling");
        }
        if (target > desiredNow && outSuspended) {
            return Optional.of("scale-out " + desiredNow + "->" + target + " not applied: DynamicScalingOutSuspended is"
                    + " true for " + resourceId + " in Application Auto Scaling");
        }
        return Optional.empty();
    }
}
