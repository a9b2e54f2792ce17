package io.streamscale.signals.decision;

import io.streamscale.schemas.ScheduledRule;
import io.streamscale.signals.policy.ScheduledCapacity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which scheduled action's min/max are in force at a time (the policy package evaluates schedules). */
@FunctionalInterface
public interface ScheduleLookup {

    /** No schedules: policies' own min/max always hold. */
    ScheduleLookup NONE = (rules, at) -> Optional.empty();

    /** AWS scheduled-action semantics (at/rate/cron with time zones), as the policy package evaluates them. */
    ScheduleLookup SCHEDULED_ACTIONS = (rules, at) -> ScheduledCapacity.inForce(rules, at)
            .map(range -> new ScheduledBounds(range.ruleName(), range.min(), range.max()));

    Optional<ScheduledBounds> inForce(List<ScheduledRule> rules, Instant at);
}
