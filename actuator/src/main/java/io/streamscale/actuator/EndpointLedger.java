package io.streamscale.actuator;

import io.streamscale.actuator.aws.VariantState;
import io.streamscale.actuator.rules.CapacityBounds;
import io.streamscale.actuator.rules.HandledDecision;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final Map<String, CapacityState> published = new HashMap<>();

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
            published.remove(key);
            return;
        }
        published.put(key, state);
        final Instant out = state.getLastScaleOutAt();
        final Instant in = state.getLastScaleInAt();
        final Instant latest = out == null ? in : in == null ? out : out.isAfter(in) ? out : in;
        // A refused decision leaves the scale times alone: its id still marks it handled (a replay is a
        // duplicate), and decisions are judged stale against the last change that happened.
        final Instant decidedAt = latest == null ? Instant.EPOCH : latest;
        final HandledDecision last = state.getLastDecisionId() == null ? null
                : new HandledDecision(state.getLastDecisionId(), decidedAt);
        final CapacityBounds bounds = state.getMinCapacity() == null || state.getMaxCapacity() == null ? null
                : new CapacityBounds(state.getMinCapacity(), state.getMaxCapacity());
        entries.put(key, new Entry(last, bounds, out, in));
    }

    /** The endpoint variants the ledger knows, from decisions and from restored capacity records. */
    Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }

    /** The last capacity record committed for the variant (restored or written by this instance). */
    Optional<CapacityState> published(final String key) {
        return Optional.ofNullable(published.get(key));
    }

    void published(final String key, final CapacityState state) {
        published.put(key, state);
    }

    /**
     * A capacity record of what DescribeEndpoint just reported, carrying what the ledger remembers
     * (the user's bounds, the last decision and scale times), so a later restore loses nothing.
     */
    CapacityState observed(final String key, final VariantState state, final Instant now) {
        final EndpointKey endpoint = EndpointKey.parse(key);
        final Entry entry = entries.get(key);
        final CapacityBounds bounds = entry == null ? null : entry.userBounds();
        final boolean known = bounds != null && bounds != CapacityBounds.UNREGISTERED;
        return CapacityState.newBuilder()
                .setEndpoint(endpoint.endpoint())
                .setVariant(endpoint.variant())
                .setCurrentCapacity(state.currentCount())
                .setDesiredCapacity(state.desiredCount())
                .setStatus(state.endpointStatus())
                .setMinCapacity(known ? bounds.min() : null)
                .setMaxCapacity(known ? bounds.max() : null)
                .setLastScaleOutAt(entry == null ? null : entry.lastScaleOutAt())
                .setLastScaleInAt(entry == null ? null : entry.lastScaleInAt())
                .setLastDecisionId(entry == null || entry.last() == null ? null : entry.last().decisionId())
                .setUpdatedAt(now)
                .build();
    }

    void clear() {
        entries.clear();
        published.clear();
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
