package io.streamscale.signals.decision;

import io.streamscale.schemas.Constraint;
import java.util.List;

/**
 * One rule's proposal for this window, before the shared limits are applied.
 *
 * @param to              the capacity the rule asks for
 * @param policy          the rule, as the decision names it (e.g. {@code targetTracking[1] p95LatencyMs})
 * @param trigger         what was observed, e.g. "p95 412 ms > 300 ms for 30 s"
 * @param driver          how the rule reads before "from→to", e.g. "target tracking"
 * @param cooldownSeconds the cooldown this rule obeys and starts; null for actions that ignore
 *                        cooldowns (scheduled and registered min/max)
 * @param shapedBy        constraints already applied by the rule itself
 */
record Candidate(int to, String policy, String trigger, String driver, Integer cooldownSeconds,
        List<Constraint> shapedBy) {

    Candidate(final int to, final String policy, final String trigger, final String driver,
            final Integer cooldownSeconds) {
        this(to, policy, trigger, driver, cooldownSeconds, List.of());
    }

    boolean obeysCooldown() {
        return cooldownSeconds != null;
    }
}
