package io.streamscale.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When the actuator looks at an endpoint variant again: follow-ups of its own changes, and refreshes. */
class CapacityWatchTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final TopicPartition P0 = new TopicPartition("scaling-decisions", 0);
    static final TopicPartition P1 = new TopicPartition("scaling-decisions", 1);

    final CapacityWatch watch = new CapacityWatch(Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofSeconds(60));

    @Test
    void aFollowUpIsDueOneIntervalAfterTheChangeAndRepeatsUntilTheMaximumWait() {
        watch.own("a/AllTraffic", P0);
        watch.follow("a/AllTraffic", T0);

        assertThat(watch.due(T0.plusSeconds(14))).isEmpty();
        assertThat(watch.due(T0.plusSeconds(15))).containsExactly(new CapacityWatch.Check("a/AllTraffic", true));
        assertThat(watch.stillChanging("a/AllTraffic", T0.plusSeconds(15))).isTrue();
        assertThat(watch.due(T0.plusSeconds(29))).isEmpty();
        assertThat(watch.due(T0.plusSeconds(30))).containsExactly(new CapacityWatch.Check("a/AllTraffic", true));
        assertThat(watch.stillChanging("a/AllTraffic", T0.plusSeconds(60))).isFalse();
        assertThat(watch.following("a/AllTraffic")).isFalse();
    }

    @Test
    void aSettledVariantIsNotFollowedAnyMore() {
        watch.own("a/AllTraffic", P0);
        watch.follow("a/AllTraffic", T0);
        watch.settled("a/AllTraffic");

        assertThat(watch.due(T0.plusSeconds(15))).isEmpty();
    }

    @Test
    void everyOwnedVariantIsRefreshedEachRefreshIntervalExceptThoseBeingFollowed() {
        watch.own("b/AllTraffic", P0);
        watch.own("a/AllTraffic", P1);
        watch.own("c/AllTraffic", P1);
        watch.follow("c/AllTraffic", T0);

        assertThat(watch.due(T0)).isEmpty();
        final List<CapacityWatch.Check> due = watch.due(T0.plusSeconds(60));
        assertThat(due).filteredOn(c -> !c.followUp()).extracting(CapacityWatch.Check::key)
                .containsExactly("a/AllTraffic", "b/AllTraffic");
        assertThat(due).filteredOn(CapacityWatch.Check::followUp).extracting(CapacityWatch.Check::key)
                .containsExactly("c/AllTraffic");
        assertThat(watch.due(T0.plusSeconds(61))).filteredOn(c -> !c.followUp()).isEmpty();
    }

    @Test
    void aRefreshOfManyVariantsIsHandedOutAFewPerRoundSoDecisionsGetTheirTurn() {
        for (int i = 0; i < 7; i++) {
            watch.own("model-" + i + "/AllTraffic", P0);
        }
        watch.due(T0);

        final List<CapacityWatch.Check> firstRound = watch.due(T0.plusSeconds(60));
        final List<CapacityWatch.Check> secondRound = watch.due(T0.plusSeconds(61));
        final List<CapacityWatch.Check> thirdRound = watch.due(T0.plusSeconds(62));

        assertThat(firstRound).hasSize(CapacityWatch.REFRESH_PER_ROUND);
        assertThat(secondRound).extracting(CapacityWatch.Check::key)
                .containsExactly("model-5/AllTraffic", "model-6/AllTraffic");
        assertThat(thirdRound).isEmpty();
    }

    @Test
    void aZeroRefreshIntervalTurnsRefreshOff() {
        final CapacityWatch off = new CapacityWatch(Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ZERO);
        off.own("a/AllTraffic", P0);

        assertThat(off.due(T0)).isEmpty();
        assertThat(off.due(T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void revokedPartitionsTakeTheirVariantsAndFollowUpsAway() {
        watch.own("a/AllTraffic", P0);
        watch.own("b/AllTraffic", P1);
        watch.follow("a/AllTraffic", T0);

        watch.revoked(List.of(P0));

        assertThat(watch.owned()).containsExactly("b/AllTraffic");
        assertThat(watch.following("a/AllTraffic")).isFalse();
    }
}
