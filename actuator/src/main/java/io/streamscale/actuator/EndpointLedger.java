package io.streamscale.actuator;

import io.streamscale.actuator.rules.CapacityBounds;
import io.streamscale.actuator.rules.HandledDecision;
import io.streamscale.schemas.CapacityState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the actuator remembers per endpoint variant: the last decision it recorded, the user's own
 * min/max (before StreamScale moved them), the last scale-out and scale-in, and when it last changed
 * the endpoint (for the per-endpoint rate limit). Rebuilt from the compacted {@code endpoint-capacity}
 * topic on start and after every rebalance, so it survives restarts: each capacity record carries
 * lastDecisionId, and its lastScaleOutAt/lastScaleInAt hold that decision's decidedAt.
 */
final class EndpointLedger {

    /** One endpoint variant's entry. */
    record Entry(HandledDecision last, CapacityBounds userBounds, Instant lastScaleOutAt, Instant lastScaleInAt) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Long> lastMutationNanos = new HashMap<>();

    Optional<Entry> get(final String key) {
        return Optional.ofNullable(entries.get(key));
    }

    HandledDecision last(final String key) {
        final Entry entry = entries.get(key);
        return entry == null ? null : entry.last();
    }

    void put(final String key, final Entry entry) {
        entries.put(key, entry);
    }

    /** Restores one entry from a committed capacity record. */
    void restore(final String key, final CapacityState state) {
        if (state == null) {
            entries.remove(key);
            return;
        }
        final Instant out = state.getLastScaleOutAt();
        final Instant in = state.getLastScaleInAt();
        final Instant decidedAt = out == null ? in : in == null ? out : out.isAfter(in) ? out : in;
        final HandledDecision last = state.getLastDecisionId() == null || decidedAt == null ? null
                : new HandledDecision(state.getLastDecisionId(), decidedAt);
        final CapacityBounds bounds = state.getMinCapacity() == null || state.getMaxCapacity() == null ? null
                : new CapacityBounds(state.getMinCapacity(), state.getMaxCapacity());
        entries.put(key, new Entry(last, bounds, out, in));
    }

    void clear() {
        entries.clear();
    }

    /** Records that the endpoint was changed now (monotonic clock). */
    void markMutation(final String key) {
        lastMutationNanos.put(key, System.nanoTime());
    }

    /** Nanoseconds to wait before this endpoint may be changed again. */
    long nanosUntilNextMutation(final String key, final long minIntervalNanos) {
        final Long last = lastMutationNanos.get(key);
        return last == null ? 0 : Math.max(0, minIntervalNanos - (System.nanoTime() - last));
    }
}
