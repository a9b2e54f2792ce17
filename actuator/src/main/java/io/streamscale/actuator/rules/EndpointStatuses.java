package io.streamscale.actuator.rules;

import java.util.Set;

/**
 * SageMaker's EndpointStatus values, sorted by what the actuator may do: act (InService), wait
 * (a change is in progress; SageMaker would answer "Cannot update in-progress endpoint"), or give up
 * (the endpoint cannot be scaled in this state).
 */
public final class EndpointStatuses {

    /** Statuses in which SageMaker is still changing the endpoint: retry later, never drop. */
    public static final Set<String> IN_PROGRESS = Set.of("Creating", "Updating", "SystemUpdating", "RollingBack");

    private EndpointStatuses() {
    }

    public static boolean canScale(final String status) {
        return "InService".equals(status);
    }

    public static boolean inProgress(final String status) {
        return IN_PROGRESS.contains(status);
    }
}
