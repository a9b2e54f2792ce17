package io.streamscale.actuator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * When to look at an endpoint variant again, so {@code endpoint-capacity} follows what SageMaker
 * really has: a <em>follow-up</em> re-describes a variant the actuator just changed (SageMaker is
 * {@code Updating} at first) every {@code interval} until it is settled, at most {@code maxWait};
 * a <em>refresh</em> re-describes every variant this instance is responsible for every
 * {@code refresh} (zero: never), so capacity changed outside StreamScale reaches the decision
 * engine. Bookkeeping only, with time passed in; {@link CapacityFollowUp} does the describing.
 * A variant belongs to the instance that owns its {@code scaling-decisions} partition, so two
 * instances never report the same variant. A refresh is handed out a few variants per round, so
 * many variants under a tight calls-per-minute ceiling never keep decisions waiting for long.
 */
final class CapacityWatch {

    /** One look due now: a follow-up of a change, or a routine refresh. */
    record Check(String key, boolean followUp) {
    }

    private record FollowUp(Instant next, Instant giveUpAt) {
    }

    /** Refresh looks per round of the consumer loop; the rest wait for the next rounds. */
    static final int REFRESH_PER_ROUND = 5;

    private final Duration interval;
    private final Duration maxWait;
    private final Duration refresh;
    private final Map<String, TopicPartition> owned = new HashMap<>();
    private final Map<String, FollowUp> followUps = new HashMap<>();
    private final Deque<String> refreshQueue = new ArrayDeque<>();
    private Instant nextRefresh;

    CapacityWatch(final Duration interval, final Duration maxWait, final Duration refresh) {
        this.interval = interval;
        this.maxWait = maxWait;
        this.refresh = refresh;
    }

    /** The variant's decisions arrive on this partition, which this instance owns. */
    void own(final String key, final TopicPartition partition) {
        owned.put(key, partition);
    }

    /** Not reported by this instance any more (e.g. its decisions are dry runs). */
    void disown(final String key) {
        owned.remove(key);
        followUps.remove(key);
    }

    /** A rebalance took these partitions away: their variants are another instance's now. */
    void revoked(final Collection<TopicPartition> partitions) {
        owned.values().removeIf(partitions::contains);
        followUps.keySet().removeIf(k -> !owned.containsKey(k));
    }

    Set<String> owned() {
        return Set.copyOf(owned.keySet());
    }

    /** Starts (or restarts) following a change of the variant; the first look is one interval away. */
    void follow(final String key, final Instant now) {
        followUps.put(key, new FollowUp(now.plus(interval), now.plus(maxWait)));
    }

    boolean following(final String key) {
        return followUps.containsKey(key);
    }

    /** The variant is settled: no more follow-ups. */
    void settled(final String key) {
        followUps.remove(key);
    }

    /**
     * The variant is still changing at {@code now}: schedules the next look and returns true, or
     * gives up (returns false) once {@code maxWait} has passed since the change.
     */
    boolean stillChanging(final String key, final Instant now) {
        final FollowUp followUp = followUps.get(key);
        if (followUp == null || !now.isBefore(followUp.giveUpAt())) {
            followUps.remove(key);
            return false;
        }
        followUps.put(key, new FollowUp(now.plus(interval), followUp.giveUpAt()));
        return true;
    }

    /** The looks due at {@code now}: follow-ups first, then (when its time has come) a refresh of the rest. */
    List<Check> due(final Instant now) {
        final List<Check> due = new ArrayList<>();
        followUps.forEach((key, f) -> {
            if (!now.isBefore(f.next())) {
                due.add(new Check(key, true));
            }
        });
        if (refresh.isZero()) {
            return due;
        }
        if (nextRefresh == null) {
            nextRefresh = now.plus(refresh);
        } else if (!now.isBefore(nextRefresh)) {
            nextRefresh = now.plus(refresh);
            owned.keySet().stream().filter(k -> !refreshQueue.contains(k)).sorted().forEach(refreshQueue::addLast);
        }
        int handedOut = 0;
        while (handedOut < REFRESH_PER_ROUND && !refreshQueue.isEmpty()) {
            final String key = refreshQueue.pollFirst();
            if (owned.containsKey(key) && !followUps.containsKey(key)) {
                due.add(new Check(key, false));
                handedOut++;
            }
        }
        return due;
    }
}
