package io.streamscale.signals.policy;

import java.time.Instant;

/**
 * The capacity range that scheduled actions have put in force at some instant.
 *
 * @param ruleName the scheduled action that fired last (its name, or {@code scheduled[i]} when unnamed)
 * @param firedAt  when it fired
 * @param min      the minimum capacity the schedules set, or null when none of those that fired set one
 * @param max      the maximum capacity the schedules set, or null when none of those that fired set one
 */
public record ScheduledRange(String ruleName, Instant firedAt, Integer min, Integer max) {

    /** The scheduled minimum, or the policy's own when no schedule has set one. */
    public int minOr(final int policyMin) {
        return min == null ? policyMin : min;
    }

    /** The scheduled maximum, or the policy's own when no schedule has set one. */
    public int maxOr(final int policyMax) {
        return max == null ? policyMax : max;
    }
}
