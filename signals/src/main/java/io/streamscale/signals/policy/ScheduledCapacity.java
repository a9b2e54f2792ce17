package io.streamscale.signals.policy;

import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which minimum and maximum capacity scheduled actions have in force at an instant, as Application
 * Auto Scaling applies them: when an action fires it sets the scalable target's MinCapacity and/or
 * MaxCapacity, and those stay until another action sets them again. So the range in force is built
 * from the latest firing of each action, oldest first: each sets the bounds it names, and a bound it
 * does not name stays as an earlier action left it.
 *
 * <ul>
 *   <li>StartTime and EndTime bound a recurring (rate or cron) action: it fires only between them;
 *       a firing before EndTime stays in force after it, as in AWS.</li>
 *   <li>When the latest action's bound crosses an earlier action's other bound (a new minimum above
 *       the maximum in force, or the reverse), the newer bound wins and the older one moves to meet
 *       it, so min ≤ max always holds.</li>
 *   <li>A rule whose schedule does not parse is skipped here (the validator rejects it before it
 *       reaches the topic), so one bad rule from another producer cannot stop decisions.</li>
 * </ul>
 */
public final class ScheduledCapacity {

    private static final int CACHE_LIMIT = 4096;
    /** Parsed schedules by (expression, zone); the decision engine asks once per window per endpoint. */
    private static final Map<String, Optional<ScheduleExpression>> PARSED = new ConcurrentHashMap<>();

    private ScheduledCapacity() {
    }

    /** The range the policy's scheduled actions have in force at {@code t}, or empty when none has fired. */
    public static Optional<ScheduledRange> inForce(final ScalingPolicy policy, final Instant t) {
        return inForce(policy.getScheduled(), t);
    }

    /** The range the scheduled actions have in force at {@code t}, or empty when none has fired. */
    public static Optional<ScheduledRange> inForce(final List<ScheduledRule> rules, final Instant t) {
        if (rules == null || rules.isEmpty()) {
            return Optional.empty();
        }
        final List<Firing> firings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            final ScheduledRule rule = rules.get(i);
            final String name = ruleName(rule, i);
            lastFiring(rule, t).ifPresent(at -> firings.add(new Firing(rule, at, name)));
        }
        if (firings.isEmpty()) {
            return Optional.empty();
        }
        // Stable sort: actions firing at the same instant apply in the order the policy lists them.
        firings.sort(Comparator.comparing(Firing::at));
        Integer min = null;
        Integer max = null;
        for (final Firing firing : firings) {
            final Integer newMin = firing.rule.getMinCapacity();
            final Integer newMax = firing.rule.getMaxCapacity();
            if (newMin != null) {
                min = newMin;
            }
            if (newMax != null) {
                max = newMax;
            }
            if (min != null && max != null && min > max) {
                if (newMin != null && newMax == null) {
                    max = min;
                } else if (newMax != null && newMin == null) {
                    min = max;
                }
            }
        }
        final Firing last = firings.get(firings.size() - 1);
        return Optional.of(new ScheduledRange(last.name, last.at, min, max));
    }

    /** When the rule last fired at or before {@code t}, inside its StartTime/EndTime bounds. */
    static Optional<Instant> lastFiring(final ScheduledRule rule, final Instant t) {
        final Optional<ScheduleExpression> parsed = parsed(rule.getSchedule(), rule.getTimezone());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ScheduleExpression schedule = parsed.get();
        if (schedule.kind() == ScheduleExpression.Kind.AT) {
            return schedule.lastFiringAtOrBefore(t);
        }
        final Instant start = rule.getStartTime();
        final Instant end = rule.getEndTime();
        if (start != null) {
            if (t.isBefore(start)) {
                return Optional.empty();
            }
            schedule = schedule.anchoredAt(start);
        }
        final Instant upTo = end != null && end.isBefore(t) ? end : t;
        return schedule.lastFiringAtOrBefore(upTo).filter(at -> start == null || !at.isBefore(start));
    }

    private static Optional<ScheduleExpression> parsed(final String schedule, final String timezone) {
        final String key = timezone + "\u0000" + schedule;
        final Optional<ScheduleExpression> cached = PARSED.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<ScheduleExpression> parsed;
        try {
            parsed = Optional.of(ScheduleExpression.parse(schedule, timezone));
        } catch (final IllegalArgumentException e) {
            parsed = Optional.empty();
        }
        if (PARSED.size() >= CACHE_LIMIT) {
            PARSED.clear();
        }
        PARSED.put(key, parsed);
        return parsed;
    }

    static String ruleName(final ScheduledRule rule, final int index) {
        final String name = rule.getName();
        return name == null || name.isBlank() ? "scheduled[" + index + "]" : name;
    }

    private record Firing(ScheduledRule rule, Instant at, String name) {
    }
}
