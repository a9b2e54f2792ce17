package io.streamscale.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many raw records ingest accepted, and how many it rejected for each {@link ReasonCode}. Thread
 * safe and cheap to update from every stream thread; metrics, {@code summary.json} and tests read it.
 * Counts are of processing attempts: after a crash, records re-processed under exactly-once are
 * counted again, while the topics still hold each of them once.
 */
public final class DeadLetterCounts {

    private final LongAdder accepted = new LongAdder();
    private final EnumMap<ReasonCode, LongAdder> rejected = new EnumMap<>(ReasonCode.class);

    public DeadLetterCounts() {
        for (final ReasonCode reason : ReasonCode.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    public void recordAccepted() {
        accepted.increment();
    }

    public void recordRejected(final ReasonCode reason) {
        rejected.get(reason).increment();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long rejected(final ReasonCode reason) {
        return rejected.get(reason).sum();
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The non-zero rejection counts, in ReasonCode order. */
    public Map<ReasonCode, Long> rejectedByReason() {
        final EnumMap<ReasonCode, Long> snapshot = new EnumMap<>(ReasonCode.class);
        rejected.forEach((reason, count) -> {
            final long n = count.sum();
            if (n > 0) {
                snapshot.put(reason, n);
            }
        });
        return snapshot;
    }

    @Override
    public String toString() {
        return "accepted=" + accepted() + ", rejected=" + rejectedByReason();
    }
}
