package io.streamscale.signals.decision;

import io.streamscale.schemas.ScheduledRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which scheduled action's min/max are in force at a time (the policy package evaluates schedules). */
@FunctionalInterface
public interface ScheduleLookup {

    /** No schedules: policies' own min/max always hold. */
    ScheduleLookup NONE = (rules, at) -> Optional.empty();

    Optional<ScheduledBounds> inForce(List<ScheduledRule> rules, Instant at);
}
