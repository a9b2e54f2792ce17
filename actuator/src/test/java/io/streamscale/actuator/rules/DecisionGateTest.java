package io.streamscale.actuator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate every decision passes before the actuator reads or changes anything in AWS. */
class DecisionGateTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    @Test
    void aFreshDecisionForAnEndpointWithNoHistoryProceeds() {
        assertThat(DecisionGate.admit("d1", NOW.minusSeconds(5), null, List.of(), NOW, MAX_AGE).proceeds()).isTrue();
    }

    @Test
    void theSameDecisionIdAgainIsADuplicate() {
        final HandledDecision last = new HandledDecision("d1", NOW.minusSeconds(5));

        assertThat(DecisionGate.admit("d1", NOW.minusSeconds(5), last, List.of(), NOW, MAX_AGE).kind())
                .isEqualTo(Admission.Kind.DUPLICATE);
    }

    @Test
    void aDecisionNotNewerThanTheLastHandledOneIsStale() {
        final HandledDecision last = new HandledDecision("d2", NOW.minusSeconds(5));

        assertThat(DecisionGate.admit("d1", NOW.minusSeconds(15), last, List.of(), NOW, MAX_AGE).kind())
                .isEqualTo(Admission.Kind.STALE);
        assertThat(DecisionGate.admit("d3", NOW.minusSeconds(5), last, List.of(), NOW, MAX_AGE).kind())
                .isEqualTo(Admission.Kind.STALE);
        assertThat(DecisionGate.admit("d4", NOW.minusSeconds(1), last, List.of(), NOW, MAX_AGE).proceeds()).isTrue();
    }

    @Test
    void aDecisionOlderThanTheAgeLimitIsStale() {
        final Admission admission = DecisionGate.admit("d1", NOW.minus(Duration.ofMinutes(10)).minusSeconds(1), null,
                List.of(), NOW, MAX_AGE);

        assertThat(admission.kind()).isEqualTo(Admission.Kind.STALE);
        assertThat(admission.reason()).isEqualTo("decided 601 s ago, older than the 600 s limit");
    }

    @Test
    void aNewerDecisionWaitingInTheSameBatchSupersedesIt() {
        final Admission older = DecisionGate.admit("d1", NOW.minusSeconds(20), null,
                List.of(NOW.minusSeconds(20), NOW.minusSeconds(10)), NOW, MAX_AGE);
        final Admission newest = DecisionGate.admit("d2", NOW.minusSeconds(10), null,
                List.of(NOW.minusSeconds(20), NOW.minusSeconds(10)), NOW, MAX_AGE);

        assertThat(older.kind()).isEqualTo(Admission.Kind.STALE);
        assertThat(older.reason()).contains("superseded");
        assertThat(newest.proceeds()).isTrue();
    }

    @Test
    void boundsClampTheOrderedCount() {
        final CapacityBounds bounds = new CapacityBounds(2, 8);

        assertThat(bounds.clamp(12)).isEqualTo(8);
        assertThat(bounds.clamp(1)).isEqualTo(2);
        assertThat(bounds.clamp(5)).isEqualTo(5);
        assertThat(EndpointStatuses.inProgress("Updating")).isTrue();
        assertThat(EndpointStatuses.canScale("InService")).isTrue();
        assertThat(EndpointStatuses.canScale("Failed")).isFalse();
    }
}
