package io.streamscale.signals.decision;

import io.streamscale.schemas.CapacityState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the decision engine remembers about one endpoint variant between windows: the capacity it
 * assumes is in force (what it last ordered, until the actuator reports otherwise), its cooldowns,
 * how long each rule's condition has held, and its recent scale-in recommendations. Times are
 * event-time epoch milliseconds; 0 means "never". Immutable; a plain record so it serialises as JSON.
 *
 * @param capacity              instances assumed in force (ordered or observed)
 * @param lastWindowEnd         end of the last window evaluated; older or repeated windows are ignored
 * @param pendingDecisionId     the last decision ordered and not yet confirmed by capacity feedback
 * @param pendingSince          when it was decided
 * @param lastScaleOutAt        when the last scale-out was decided
 * @param lastScaleOutFrom      capacity before the scale-out that started the running cooldown (AWS
 *                              counts a step taken during that cooldown from here)
 * @param lastScaleOutTo        its target: during the scale-out cooldown only a larger target passes
 * @param scaleOutCooldownUntil end of the running scale-out cooldown
 * @param lastScaleInAt         when the last scale-in was decided
 * @param scaleInCooldownUntil  end of the running scale-in cooldown (a scale-out ends it)
 * @param panicUntil            panic mode lasts until then: no scale-in
 * @param runStarts             per rule condition (e.g. {@code targetTracking[0].out}), the start of
 *                              the unbroken run of windows in which it held
 * @param recommendations       capacity each recent window recommended, for scale-in stabilisation
 */
public record EngineState(
        int capacity,
        long lastWindowEnd,
        String pendingDecisionId,
        long pendingSince,
        long lastScaleOutAt,
        int lastScaleOutFrom,
        int lastScaleOutTo,
        long scaleOutCooldownUntil,
        long lastScaleInAt,
        long scaleInCooldownUntil,
        long panicUntil,
        SortedMap<String, Long> runStarts,
        List<Recommendation> recommendations) {

    /**
     * How long (event time) an unconfirmed order outranks capacity feedback about earlier decisions:
     * longer than any actuator takes to report, short enough that a lost order is forgotten.
     */
    public static final long FEEDBACK_PATIENCE_MS = 10 * 60_000L;

    /** The capacity one window recommended (before cooldowns), kept for the stabilisation window. */
    public record Recommendation(long at, int capacity) {
    }

    public EngineState {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        runStarts = Collections.unmodifiableSortedMap(new TreeMap<>(runStarts == null ? Map.of() : runStarts));
        recommendations = List.copyOf(recommendations == null ? List.of() : recommendations);
    }

    /** A variant the engine has not seen yet, with {@code capacity} instances in service. */
    public static EngineState initial(final int capacity) {
        return new EngineState(Math.max(0, capacity), 0, null, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }

    /**
     * Capacity feedback from the actuator. It replaces the assumed capacity, except while the
     * engine's own latest order is unconfirmed and the feedback is about something earlier: then the
     * order still stands (a slow actuator must not make the engine order the same instances twice),
     * unless it has waited longer than {@link #FEEDBACK_PATIENCE_MS} (the order was lost or refused).
     * The count used is DesiredInstanceCount: it includes instances ordered and still starting.
     */
    public EngineState withCapacity(final CapacityState observed) {
        final int observedCapacity = Math.max(0, observed.getDesiredCapacity());
        final String confirms = observed.getLastDecisionId();
        final boolean stillWaiting = pendingDecisionId != null && !pendingDecisionId.equals(confirms)
                && lastWindowEnd - pendingSince < FEEDBACK_PATIENCE_MS;
        if (stillWaiting) {
            return this;
        }
        return new EngineState(observedCapacity, lastWindowEnd, null, 0, lastScaleOutAt, lastScaleOutFrom,
                lastScaleOutTo, scaleOutCooldownUntil, lastScaleInAt, scaleInCooldownUntil, panicUntil, runStarts,
                recommendations);
    }

    /** True while a scale-out cooldown runs at {@code now}. */
    public boolean inScaleOutCooldown(final long now) {
        return now < scaleOutCooldownUntil;
    }

    /** True while a scale-in cooldown runs at {@code now}. */
    public boolean inScaleInCooldown(final long now) {
        return now < scaleInCooldownUntil;
    }

    EngineState observed(final long windowEnd, final SortedMap<String, Long> runs, final List<Recommendation> recent,
            final long panic) {
        return new EngineState(capacity, windowEnd, pendingDecisionId, pendingSince, lastScaleOutAt,
                lastScaleOutFrom, lastScaleOutTo, scaleOutCooldownUntil, lastScaleInAt, scaleInCooldownUntil, panic,
                runs, recent);
    }

    EngineState scaledOut(final String decisionId, final long at, final int to, final long cooldownUntil) {
        // A larger scale-out inside a running cooldown keeps the base of the one that started it (AWS).
        final int base = inScaleOutCooldown(at) ? lastScaleOutFrom : capacity;
        return new EngineState(to, lastWindowEnd, decisionId, at, at, base, to, cooldownUntil, lastScaleInAt,
                0, panicUntil, runStarts, recommendations);
    }

    EngineState scaledIn(final String decisionId, final long at, final int to, final long cooldownUntil) {
        return new EngineState(to, lastWindowEnd, decisionId, at, lastScaleOutAt, lastScaleOutFrom, lastScaleOutTo,
                scaleOutCooldownUntil, at, cooldownUntil, panicUntil, runStarts, recommendations);
    }

    static List<Recommendation> append(final List<Recommendation> recent, final Recommendation next,
            final long keepFrom) {
        final List<Recommendation> kept = new ArrayList<>();
        for (final Recommendation r : recent) {
            if (r.at() > keepFrom) {
                kept.add(r);
            }
        }
        kept.add(next);
        return kept;
    }
}
