package io.streamscale.actuator.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The checks a decision must pass before the actuator reads or changes anything in AWS, as a pure
 * function: a decision already handled (same decisionId) is a duplicate; one older than the last
 * handled decision for its endpoint, older than {@code maxAge}, or superseded by a newer decision
 * waiting in the same batch is stale. Decision ids are deterministic, so a re-published decision
 * is recognised by its id.
 */
public final class DecisionGate {

    private DecisionGate() {
    }

    /**
     * @param decisionId   the decision's id
     * @param decidedAt    its event time
     * @param last         the last decision handled for the same endpoint variant, or null
     * @param newerPending decidedAt of other decisions for the same endpoint variant in this batch
     * @param now          wall-clock time
     * @param maxAge       oldest decision still worth applying
     */
    public static Admission admit(final String decisionId, final Instant decidedAt, final HandledDecision last,
            final Collection<Instant> newerPending, final Instant now, final Duration maxAge) {
        if (last != null && last.decisionId().equals(decisionId)) {
            return new Admission(Admission.Kind.DUPLICATE, "decision " + decisionId + " was already handled");
        }
        if (last != null && !decidedAt.isAfter(last.decidedAt())) {
            return new Admission(Admission.Kind.STALE, "decided at " + decidedAt + ", not after decision "
                    + last.decisionId() + " decided at " + last.decidedAt());
        }
        final Duration age = Duration.between(decidedAt, now);
        if (age.compareTo(maxAge) > 0) {
            return new Admission(Admission.Kind.STALE, "decided " + age.toSeconds() + " s ago, older than the "
                    + maxAge.toSeconds() + " s limit");
        }
        final Instant newest = newerPending.stream().filter(t -> t.isAfter(decidedAt)).max(Instant::compareTo)
                .orElse(null);
        if (newest != null) {
            return new Admission(Admission.Kind.STALE, "superseded by a newer decision for the same endpoint decided at "
                    + newest);
        }
        return Admission.proceed();
    }
}
