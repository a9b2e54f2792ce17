package io.streamscale.signals.decision;

import static io.streamscale.signals.decision.Fixtures.at;
import static io.streamscale.signals.decision.Fixtures.busy;
import static io.streamscale.signals.decision.Fixtures.idle;
import static io.streamscale.signals.decision.Fixtures.p95Target;
import static io.streamscale.signals.decision.Fixtures.policy;
import static io.streamscale.signals.decision.Fixtures.step;
import static io.streamscale.signals.decision.Fixtures.stepRule;
import static io.streamscale.signals.decision.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.Budget;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.ConstraintKind;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rule engine, one rule and one interplay per specification. Windows are 10 s; times are seconds after T0. */
class DecisionEngineTest {

    static final ScalingPolicy P95_300 = policy().setTargetTracking(List.of(p95Target(300))).build();

    @Nested
    class SustainedWindows {

        @Test
        void aSpikeShorterThanTheSustainPeriodNeverScales() {
            // 20 s above target, 40 s at target, over and over: never 30 s in a row.
            final Replay replay = new Replay(P95_300, 4).until(1800,
                    (s, c) -> busy(s, c, 40, s % 60 <= 20 && s % 60 != 0 ? 900 : 300));
            assertThat(replay.decisions()).isEmpty();
        }

        @Test
        void aSustainedBreachScalesOutExactlyWhenThePeriodCompletes() {
            // Breach starts with the window [60 s, 70 s); 30 s later, at 90 s, the period is complete.
            final Replay replay = new Replay(P95_300, 4).until(200, (s, c) -> busy(s, c, 40, s > 60 ? 412.0 * 4 / c : 280));
            assertThat(replay.timeline()).containsExactly("90s 4→6");
            final ScalingDecision d = replay.last();
            assertThat(d.getReason()).isEqualTo("p95 412 ms > 300 ms for 30 s; target tracking 4→6");
            assertThat(d.getPolicy()).isEqualTo("targetTracking[0] p95LatencyMs");
            assertThat(d.getDirection()).isEqualTo(Direction.SCALE_OUT);
            assertThat(d.getSignals()).containsEntry("p95LatencyMs", 412.0).containsEntry("capacity", 4.0);
            assertThat(d.getConstraints()).isEmpty();
        }

        @Test
        void aMissingWindowRestartsTheSustainPeriod() {
            final Replay replay = new Replay(P95_300, 4);
            replay.window(busy(10, 4, 40, 500));
            replay.window(busy(20, 4, 40, 500));
            // The window ending at 30 s never arrived: the breach is not known to have held through it.
            assertThat(replay.window(busy(40, 4, 40, 500))).isEmpty();
            assertThat(replay.window(busy(50, 4, 40, 500))).isEmpty();
            assertThat(replay.window(busy(60, 4, 40, 500))).isPresent();
        }

        @Test
        void aSustainOfZeroActsOnTheFirstWindow() {
            final ScalingPolicy immediate = policy().setTargetTracking(List.of(p95Target(300)))
                    .setScaleOutSustainSeconds(0).build();
            assertThat(new Replay(immediate, 4).until(10, (s, c) -> busy(s, c, 40, 600)).timeline())
                    .containsExactly("10s 4→8");
        }

        @Test
        void aRepeatedOrOlderWindowChangesNothing() {
            final Replay replay = new Replay(P95_300, 4).until(90, (s, c) -> busy(s, c, 40, 412));
            final EngineState before = replay.state();
            assertThat(replay.window(busy(90, 4, 40, 412))).isEmpty();
            assertThat(replay.window(busy(50, 4, 40, 412))).isEmpty();
            assertThat(replay.state()).isEqualTo(before);
        }
    }

    @Nested
    class TargetTracking {

        @Test
        void desiredCapacityIsCurrentTimesMetricOverTargetRoundedUp() {
            // 5 instances at 100 invocations per instance per minute, target 70: ceil(5 × 100 / 70) = 8.
            final ScalingPolicy ipi = policy().setTargetTracking(List.of(target("invocationsPerInstance", 70))).build();
            final Replay replay = new Replay(ipi, 5).until(30, (s, c) -> busy(s, 5, 500.0 / 60, 100));
            assertThat(replay.timeline()).containsExactly("30s 5→8");
            assertThat(replay.last().getReason()).isEqualTo("invocationsPerInstance 100 > 70 for 30 s; target tracking 5→8");
        }

        @Test
        void anyPolicyThatSaysOutScalesOutToTheLargestDesiredCapacity() {
            final ScalingPolicy two = policy().setTargetTracking(List.of(target("invocationsPerInstance", 70),
                    p95Target(300))).build();
            // Invocations are fine (35 < 70), latency is not: 4 × 600 / 300 = 8.
            final Replay replay = new Replay(two, 4).until(30, (s, c) -> busy(s, 4, 35 * 4 / 60.0, 600));
            assertThat(replay.timeline()).containsExactly("30s 4→8");
            assertThat(replay.last().getPolicy()).isEqualTo("targetTracking[1] p95LatencyMs");
        }

        @Test
        void scaleInOnlyWhenEveryPolicySaysIn() {
            final ScalingPolicy two = policy().setTargetTracking(List.of(target("invocationsPerInstance", 70),
                    p95Target(300))).build();
            // Invocations far below target, latency right at it: latency does not agree to scale in.
            final Replay replay = new Replay(two, 8).until(3600, (s, c) -> busy(s, 8, 10 * 8 / 60.0, 300));
            assertThat(replay.decisions()).isEmpty();
        }

        @Test
        void scaleInOnlyWhenTheMetricIsMoreThanTenPercentBelowTarget() {
            final Replay near = new Replay(P95_300, 8).until(3600, (s, c) -> busy(s, c, 40, 271));
            assertThat(near.decisions()).isEmpty();
            final Replay below = new Replay(P95_300, 8).until(3600, (s, c) -> busy(s, c, 40, 260));
            // ceil(8 × 260 / 300) = 7, after 300 s sustained.
            assertThat(below.timeline()).first().isEqualTo("300s 8→7");
            assertThat(below.decisions().get(0).getReason())
                    .isEqualTo("p95 260 ms < 270 ms (90 % of 300) for 300 s; target tracking 8→7");
        }

        @Test
        void aPolicyWithDisableScaleInScalesOutButNeverIn() {
            final TargetTrackingRule noScaleIn = TargetTrackingRule.newBuilder(p95Target(300)).setDisableScaleIn(true)
                    .build();
            final ScalingPolicy p = policy().setTargetTracking(List.of(noScaleIn)).build();
            final Replay replay = new Replay(p, 4).until(60, (s, c) -> busy(s, c, 40, 600.0 * 4 / c))
                    .until(3600, (s, c) -> idle(s, c));
            assertThat(replay.timeline()).containsExactly("30s 4→8");
        }
    }

    @Nested
    class NoFlapping {

        @Test
        void aLoadOscillatingAroundTheTargetNeverScales() {
            // ±10 % every window: never 30 s above, never 10 % below.
            final Replay replay = new Replay(P95_300, 4).until(3600, (s, c) -> busy(s, c, 40, s % 20 == 0 ? 330 : 275));
            assertThat(replay.decisions()).isEmpty();
        }

        @Test
        void aSlowOscillationScalesOutOnceAndNeverBackAndForth() {
            // A minute above target, a minute well below, for an hour; latency falls as capacity grows.
            final Replay replay = new Replay(P95_300, 4).until(3600,
                    (s, c) -> busy(s, c, 40, (s / 60) % 2 == 0 ? 1500.0 / c : 200.0 * 4 / c));
            assertThat(replay.decisions()).extracting(ScalingDecision::getDirection).containsOnly(Direction.SCALE_OUT);
            assertThat(replay.decisions()).hasSize(1);
        }
    }

    @Nested
    class ScaleInAndStabilisation {

        static final ScalingPolicy P95_MIN_2 = policy().setMinCapacity(2).setTargetTracking(List.of(p95Target(300)))
                .build();

        @Test
        void trafficStoppingScalesInToMinAfterTheSustainAndStabilisationPeriods() {
            // Busy until 600 s, then no requests at all: zero windows count as data.
            final Replay replay = new Replay(P95_MIN_2, 6).until(600, (s, c) -> busy(s, c, 40, 290))
                    .until(3600, (s, c) -> idle(s, c));
            assertThat(replay.timeline()).containsExactly("900s 6→2");
            assertThat(replay.last().getConstraints()).extracting(c -> c.getKind() + " " + c.getBefore() + "→" + c.getAfter())
                    .containsExactly("MIN_CAPACITY 0→2");
            assertThat(replay.last().getReason()).isEqualTo(
                    "p95 0 ms < 270 ms (90 % of 300) for 300 s; target tracking 6→0; raised 0→2 by minCapacity 2");
        }

        @Test
        void aStabilisationWindowLongerThanTheSustainDelaysScaleInUntilItHasPassed() {
            final ScalingPolicy longStabilisation = ScalingPolicy.newBuilder(P95_MIN_2)
                    .setScaleInStabilizationSeconds(600).build();
            final Replay replay = new Replay(longStabilisation, 6).until(600, (s, c) -> busy(s, c, 40, 290))
                    .until(3600, (s, c) -> idle(s, c));
            assertThat(replay.timeline()).containsExactly("1200s 6→2");
        }

        @Test
        void scaleInTakesTheHighestRecommendationOfTheStabilisationWindow() {
            // Low for 10 minutes; one window in the last 300 s needed 4 (8 × 140 / 300 = 3.7), the rest 2.
            final Replay replay = new Replay(P95_MIN_2, 8).until(300, (s, c) -> busy(s, c, 40, s == 250 ? 140 : 60));
            assertThat(replay.timeline()).containsExactly("300s 8→4");
            assertThat(replay.last().getConstraints()).extracting(c -> c.getKind() + " " + c.getBefore() + "→" + c.getAfter())
                    .containsExactly("STABILIZATION 2→4");
            assertThat(replay.last().getReason()).endsWith("raised 2→4 by stabilisation: highest recommendation in 300 s");
        }
    }

    @Nested
    class Cooldowns {

        /** Scale-in may happen after 10 s of low load, no stabilisation: only the cooldown holds it back. */
        static final ScalingPolicy QUICK_IN = policy().setTargetTracking(List.of(p95Target(300)))
                .setScaleInSustainSeconds(10).setScaleInStabilizationSeconds(0).build();

        @Test
        void afterAScaleInTheNextScaleInWaitsForTheScaleInCooldown() {
            // Latency halves the needed capacity every window at 16 → 8 → ...; the cooldown spaces them 300 s.
            final Replay replay = new Replay(QUICK_IN, 16).until(1000, (s, c) -> busy(s, c, 40, 150));
            assertThat(replay.timeline()).containsExactly("10s 16→8", "310s 8→4", "610s 4→2", "910s 2→1");
        }

        @Test
        void aScaleOutDuringTheScaleInCooldownPassesAtOnceAndEndsTheCooldown() {
            final Replay replay = new Replay(QUICK_IN, 8)
                    .until(10, (s, c) -> busy(s, c, 40, 150))              // 10 s: 8 → 4, cooldown until 310 s
                    .until(60, (s, c) -> busy(s, c, 40, 600.0 * 4 / c))    // 40 s: breach held 30 s: 4 → 8
                    .until(100, (s, c) -> busy(s, c, 40, 150));            // 70 s: scale-in again, no cooldown left
            assertThat(replay.timeline()).containsExactly("10s 8→4", "40s 4→8", "70s 8→4");
        }

        @Test
        void duringTheScaleOutCooldownOnlyALargerScaleOutPasses() {
            // AWS's own example: +2 for a breach up to 10 above the threshold, +3 beyond.
            final ScalingPolicy steps = policy().setStepScaling(List.of(stepRule("queueDepthMax", 100,
                    ComparisonOperator.GreaterThanThreshold, AdjustmentType.ChangeInCapacity,
                    List.of(step(0.0, 10.0, 2), step(10.0, null, 3))))).build();
            final Replay replay = new Replay(steps, 4)
                    .until(60, (s, c) -> Fixtures.window(s, c).setQueueDepthMax(105).setCount(10).build())
                    .until(80, (s, c) -> Fixtures.window(s, c).setQueueDepthMax(125).setCount(10).build())
                    .until(200, (s, c) -> Fixtures.window(s, c).setQueueDepthMax(105).setCount(10).build());
            // 30 s: +2 (4 → 6). 40-60 s: +2 again is not larger: held. 70 s: +3 counted from 4 is 7 > 6: passes.
            // 80 s: +3 from 4 again is not larger. 130 s: the cooldown of the 70 s scale-out is over, +2 from 7.
            assertThat(replay.timeline()).containsExactly("30s 4→6", "70s 6→7", "130s 7→9", "190s 9→11");
            final ScalingDecision larger = replay.decisions().get(1);
            assertThat(larger.getConstraints()).singleElement().satisfies(c -> {
                assertThat(c.getKind()).isEqualTo(ConstraintKind.COOLDOWN);
                assertThat(c.getBefore()).isEqualTo(9);
                assertThat(c.getAfter()).isEqualTo(7);
            });
            assertThat(larger.getReason()).isEqualTo("queueDepthMax 125 > 100 for 70 s; step scaling +3 6→9; "
                    + "capped 9→7 by scale-out cooldown: step counted from 4, the capacity before the last scale-out");
        }

        @Test
        void scheduledMinAndMaxIgnoreCooldowns() {
            final ScalingPolicy scheduled = ScalingPolicy.newBuilder(QUICK_IN).setScheduled(List.of(ScheduledRule
                    .newBuilder().setName("evening").setSchedule("fake").setMinCapacity(10).build())).build();
            // The schedule puts min 10 in force from 40 s on.
            final DecisionEngine engine = new DecisionEngine((rules, t) -> t.toEpochMilli() >= at(40)
                    ? Optional.of(new ScheduledBounds("evening", 10, null)) : Optional.empty());
            final Replay replay = new Replay(engine, scheduled, 4).until(60, (s, c) -> busy(s, c, 40, 600.0 * 4 / c));
            // 30 s: 4 → 8 starts a 60 s scale-out cooldown; 40 s: the schedule raises to 10 regardless.
            assertThat(replay.timeline()).containsExactly("30s 4→8", "40s 8→10");
            assertThat(replay.last().getPolicy()).isEqualTo("scheduled evening");
            assertThat(replay.last().getReason()).isEqualTo("capacity 8 below schedule evening min 10; scheduled evening 8→10");
        }
    }

    @Nested
    class StepScaling {

        static final ScalingPolicy QUEUE = policy().setMaxCapacity(40).setStepScaling(List.of(stepRule("queueDepthMax",
                1200, ComparisonOperator.GreaterThanThreshold, AdjustmentType.ChangeInCapacity,
                List.of(step(0.0, 800.0, 2), step(800.0, null, 5))))).build();

        int decideAt(final int queueDepth) {
            final Replay replay = new Replay(QUEUE, 4).until(30,
                    (s, c) -> Fixtures.window(s, c).setCount(100).setQueueDepthMax(queueDepth).build());
            return replay.decisions().isEmpty() ? 4 : replay.last().getTo();
        }

        @Test
        void aboveTheThresholdTheLowerBoundIsInclusiveAndTheUpperExclusive() {
            assertThat(decideAt(1200)).as("at the threshold: no breach (GreaterThanThreshold)").isEqualTo(4);
            assertThat(decideAt(1201)).isEqualTo(6);
            assertThat(decideAt(1999)).isEqualTo(6);
            assertThat(decideAt(2000)).as("800 above: the second step").isEqualTo(9);
        }

        @Test
        void belowTheThresholdTheLowerBoundIsExclusiveAndTheUpperInclusive() {
            final var rule = stepRule("rps", 100, ComparisonOperator.LessThanThreshold, AdjustmentType.ChangeInCapacity,
                    List.of(step(-50.0, 0.0, -1), step(null, -50.0, -2)));
            assertThat(StepAdjustments.step(rule, 60).orElseThrow().getScalingAdjustment()).isEqualTo(-1);
            assertThat(StepAdjustments.step(rule, 50).orElseThrow().getScalingAdjustment()).as("-50 is in (-inf, -50]")
                    .isEqualTo(-2);
            assertThat(StepAdjustments.breaches(rule, 100)).isFalse();
        }

        @Test
        void aStepScaleInWaitsForTheScaleInSustainPeriod() {
            final ScalingPolicy rpsLow = policy().setStepScaling(List.of(stepRule("rps", 100,
                    ComparisonOperator.LessThanThreshold, AdjustmentType.ChangeInCapacity, List.of(step(null, 0.0, -1)))))
                    .build();
            final Replay replay = new Replay(rpsLow, 4).until(400, (s, c) -> busy(s, c, 50, 100));
            assertThat(replay.timeline()).containsExactly("300s 4→3");
            assertThat(replay.last().getReason()).isEqualTo("rps 50 < 100 for 300 s; step scaling -1 4→3");
        }

        @Test
        void exactCapacitySetsTheCount() {
            final ScalingPolicy exact = policy().setStepScaling(List.of(stepRule("queueDepthMax", 10,
                    ComparisonOperator.GreaterThanOrEqualToThreshold, AdjustmentType.ExactCapacity,
                    List.of(step(0.0, null, 12))))).build();
            assertThat(new Replay(exact, 3).until(30, (s, c) -> Fixtures.window(s, c).setCount(5).setQueueDepthMax(10)
                    .build()).timeline()).containsExactly("30s 3→12");
        }
    }

    @Nested
    class PercentChangeInCapacity {

        @Test
        void percentsRoundAsAwsDoes() {
            assertThat(StepAdjustments.percentChange(10, 27, null)).as("2.7 rounds down").isEqualTo(2);
            assertThat(StepAdjustments.percentChange(4, 10, null)).as("0.4 rounds to 1").isEqualTo(1);
            assertThat(StepAdjustments.percentChange(4, -10, null)).as("-0.4 rounds to -1").isEqualTo(-1);
            assertThat(StepAdjustments.percentChange(30, -22, null)).as("-6.6 rounds up").isEqualTo(-6);
        }

        @Test
        void minAdjustmentMagnitudeSetsTheSmallestChange() {
            assertThat(StepAdjustments.percentChange(4, 10, 2)).isEqualTo(2);
            assertThat(StepAdjustments.percentChange(4, -10, 2)).isEqualTo(-2);
            assertThat(StepAdjustments.percentChange(40, 10, 2)).as("already larger").isEqualTo(4);
        }

        @Test
        void aPercentStepWithMinAdjustmentMagnitudeScalesByAtLeastThatMuch() {
            final var rule = stepRule("queueDepthMax", 100, ComparisonOperator.GreaterThanThreshold,
                    AdjustmentType.PercentChangeInCapacity, List.of(step(0.0, null, 10)));
            rule.setMinAdjustmentMagnitude(2);
            final ScalingPolicy percent = policy().setStepScaling(List.of(rule)).build();
            final Replay replay = new Replay(percent, 4).until(30,
                    (s, c) -> Fixtures.window(s, c).setCount(10).setQueueDepthMax(150).build());
            assertThat(replay.timeline()).containsExactly("30s 4→6");
            assertThat(replay.last().getReason()).isEqualTo("queueDepthMax 150 > 100 for 30 s; step scaling +10 % 4→6");
        }
    }

    @Nested
    class Schedules {

        /** Friday evenings in New York need at least 10 instances; Monday morning they go back to 2. */
        final ScalingPolicy weekendRush = ScalingPolicy.newBuilder(P95_300).setMinCapacity(2).setScheduled(List.of(
                ScheduledRule.newBuilder().setName("friday-rush").setSchedule("cron(0 18 ? * FRI *)")
                        .setTimezone("America/New_York").setMinCapacity(10).build(),
                ScheduledRule.newBuilder().setName("monday").setSchedule("cron(0 6 ? * MON *)")
                        .setTimezone("America/New_York").setMinCapacity(2).build())).build();

        long secondOf(final String instant) {
            return (Instant.parse(instant).toEpochMilli() - Fixtures.T0) / 1000;
        }

        List<String> fridayEvening(final String from, final String until) {
            final Replay replay = new Replay(weekendRush, 2).from(secondOf(from))
                    .until(secondOf(until), (s, c) -> busy(s, c, 40, 200));
            return replay.decisions().stream().map(d -> d.getDecidedAt() + " " + d.getFrom() + "→" + d.getTo()).toList();
        }

        @Test
        void aScheduleFollowsLocalTimeAcrossTheEndOfDaylightSavingTime() {
            // 18:00 in New York is 22:00 UTC on Friday 30 October 2026 (EDT) ...
            assertThat(fridayEvening("2026-10-30T21:50:00Z", "2026-10-30T23:30:00Z"))
                    .containsExactly("2026-10-30T22:00:00Z 2→10");
            // ... and 23:00 UTC on Friday 6 November 2026, after the clocks went back on 1 November (EST).
            assertThat(fridayEvening("2026-11-06T21:50:00Z", "2026-11-06T23:30:00Z"))
                    .containsExactly("2026-11-06T23:00:00Z 2→10");
        }

        @Test
        void aScheduleFollowsLocalTimeAcrossTheStartOfDaylightSavingTime() {
            // EST on Friday 6 March 2026 (23:00 UTC), EDT on Friday 13 March after 8 March (22:00 UTC).
            assertThat(fridayEvening("2026-03-06T21:50:00Z", "2026-03-06T23:30:00Z"))
                    .containsExactly("2026-03-06T23:00:00Z 2→10");
            assertThat(fridayEvening("2026-03-13T21:50:00Z", "2026-03-13T23:30:00Z"))
                    .containsExactly("2026-03-13T22:00:00Z 2→10");
        }

        @Test
        void theScheduledMinimumNamesTheScheduleAndHoldsUntilTheNextAction() {
            final Replay replay = new Replay(weekendRush, 2).from(secondOf("2026-11-06T22:50:00Z"))
                    .until(secondOf("2026-11-06T23:10:00Z"), (s, c) -> busy(s, c, 40, 100));
            final ScalingDecision raised = replay.decisions().get(0);
            assertThat(raised.getPolicy()).isEqualTo("scheduled friday-rush");
            assertThat(raised.getReason()).isEqualTo("capacity 2 below schedule friday-rush min 10; scheduled friday-rush 2→10");
            // Low latency all weekend: the scheduled minimum holds until Monday 06:00 in New York (11:00 UTC),
            // then scale-in resumes at once (the load needs 4), and again after the scale-in cooldown.
            replay.until(secondOf("2026-11-07T00:00:00Z"), (s, c) -> busy(s, c, 40, 100))
                    .from(secondOf("2026-11-09T10:40:00Z"))
                    .until(secondOf("2026-11-09T11:20:00Z"), (s, c) -> busy(s, c, 40, 100));
            assertThat(replay.decisions()).extracting(d -> d.getDecidedAt() + " " + d.getFrom() + "→" + d.getTo())
                    .containsExactly("2026-11-06T23:00:00Z 2→10", "2026-11-09T11:00:00Z 10→4",
                            "2026-11-09T11:05:00Z 4→2");
            assertThat(replay.decisions().get(1).getReason()).endsWith("target tracking 10→4");
        }

        @Test
        void aScheduledMaximumBelowTheRunningCapacityScalesInAtOnce() {
            final ScalingPolicy night = ScalingPolicy.newBuilder(P95_300).setScheduled(List.of(
                    ScheduledRule.newBuilder().setName("night").setSchedule("cron(0 22 * * ? *)")
                            .setTimezone("Europe/Berlin").setMaxCapacity(3).build(),
                    ScheduledRule.newBuilder().setName("day").setSchedule("cron(0 6 * * ? *)")
                            .setTimezone("Europe/Berlin").setMaxCapacity(20).build())).build();
            // 22:00 in Berlin is 21:00 UTC in winter; latency wants more, the schedule caps at 3 regardless.
            final Replay replay = new Replay(night, 8).from(secondOf("2026-01-05T20:50:00Z"))
                    .until(secondOf("2026-01-05T21:10:00Z"), (s, c) -> busy(s, c, 40, 290));
            assertThat(replay.decisions()).extracting(d -> d.getDecidedAt() + " " + d.getFrom() + "→" + d.getTo())
                    .containsExactly("2026-01-05T21:00:00Z 8→3");
            assertThat(replay.last().getPolicy()).isEqualTo("scheduled night");
        }
    }

    @Nested
    class BudgetCap {

        @Test
        void aDecisionThatWouldOverspendIsCappedAndSaysSo() {
            // 1.41 $/h × 730 h = 1029.30 $ per instance-month: 5200 $ pays for 5.
            final ScalingPolicy budgeted = ScalingPolicy.newBuilder(P95_300).setBudget(Budget.newBuilder()
                    .setInstanceHourlyPrice(1.41).setMonthlyCap(5200).build()).build();
            final Replay replay = new Replay(budgeted, 4).until(200, (s, c) -> busy(s, c, 40, 412.0 * 4 / c));
            assertThat(replay.timeline()).containsExactly("30s 4→5");
            assertThat(replay.last().getReason())
                    .isEqualTo("p95 412 ms > 300 ms for 30 s; target tracking 4→6; capped 6→5 by budget $5200/month");
            assertThat(replay.last().getConstraints()).singleElement()
                    .satisfies(c -> assertThat(c.getKind()).isEqualTo(ConstraintKind.BUDGET));
        }

        @Test
        void atTheCapNoScaleOutHappensAtAll() {
            final ScalingPolicy budgeted = ScalingPolicy.newBuilder(P95_300).setBudget(Budget.newBuilder()
                    .setInstanceHourlyPrice(1.41).setMonthlyCap(5200).build()).build();
            assertThat(new Replay(budgeted, 5).until(600, (s, c) -> busy(s, c, 40, 900)).decisions()).isEmpty();
        }
    }

    @Nested
    class StepLimitAndBounds {

        @Test
        void maxStepOutLimitsOneDecision() {
            final ScalingPolicy limited = ScalingPolicy.newBuilder(P95_300).setMaxStepOut(3).build();
            final Replay replay = new Replay(limited, 4).until(30, (s, c) -> busy(s, c, 40, 1200));
            assertThat(replay.timeline()).containsExactly("30s 4→7");
            assertThat(replay.last().getReason()).endsWith("target tracking 4→16; capped 16→7 by maxStepOut 3");
        }

        @Test
        void maxCapacityCapsAScaleOut() {
            final ScalingPolicy small = ScalingPolicy.newBuilder(P95_300).setMaxCapacity(6).build();
            final Replay replay = new Replay(small, 4).until(600, (s, c) -> busy(s, c, 40, 3000));
            assertThat(replay.timeline()).containsExactly("30s 4→6");
            assertThat(replay.last().getConstraints()).singleElement()
                    .satisfies(c -> assertThat(c.getKind()).isEqualTo(ConstraintKind.MAX_CAPACITY));
        }

        @Test
        void capacityBelowMinIsRaisedAtOnceAndAboveMaxLoweredAtOnce() {
            final ScalingPolicy bounded = ScalingPolicy.newBuilder(P95_300).setMinCapacity(3).setMaxCapacity(6).build();
            assertThat(new Replay(bounded, 1).until(10, (s, c) -> busy(s, c, 40, 250)).timeline())
                    .containsExactly("10s 1→3");
            assertThat(new Replay(bounded, 9).until(10, (s, c) -> busy(s, c, 40, 250)).timeline())
                    .containsExactly("10s 9→6");
        }

        @Test
        void minCapacityWinsOverTheStepLimit() {
            final ScalingPolicy bounded = ScalingPolicy.newBuilder(P95_300).setMinCapacity(6).setMaxStepOut(1).build();
            assertThat(new Replay(bounded, 2).until(10, (s, c) -> busy(s, c, 40, 250)).timeline())
                    .containsExactly("10s 2→6");
        }
    }

    @Nested
    class Panic {

        static final ScalingPolicy PANICKY = policy().setTargetTracking(List.of(p95Target(300)))
                .setPanicThresholdRatio(2.0).setScaleInSustainSeconds(10).setScaleInStabilizationSeconds(0).build();

        @Test
        void aSingleWindowAtTheThresholdRatioScalesOutAtOnce() {
            final Replay replay = new Replay(PANICKY, 4).until(20, (s, c) -> busy(s, c, 40, s == 20 ? 600 : 250));
            assertThat(replay.timeline()).containsExactly("20s 4→8");
            assertThat(replay.last().getPolicy()).isEqualTo("panic targetTracking[0] p95LatencyMs");
            assertThat(replay.last().getReason()).isEqualTo("p95 600 ms ≥ 2 × 300 ms in one window; panic 4→8");
        }

        @Test
        void noScaleInWhilePanicLasts() {
            // Panic at 20 s; from 30 s latency is low, but scale-in waits until 60 s of calm have passed.
            final Replay replay = new Replay(PANICKY, 4).until(200,
                    (s, c) -> busy(s, c, 40, s < 20 ? 280 : s == 20 ? 600 : 100));
            assertThat(replay.timeline()).containsExactly("20s 4→8", "80s 8→3");
        }

        @Test
        void belowTheRatioTheSustainPeriodStillApplies() {
            assertThat(new Replay(PANICKY, 4).until(20, (s, c) -> busy(s, c, 40, 590)).decisions()).isEmpty();
        }
    }

    @Nested
    class PredictivePreScaling {

        @Test
        void predictiveScaleOutComesAtLeastTheWarmUpTimeAheadOfTheRamp() {
            // rps climbs 0.1 per second; each instance should carry 10 rps (600 invocations per minute).
            final ScalingPolicy predictive = policy().setMaxCapacity(100)
                    .setTargetTracking(List.of(target("invocationsPerInstance", 600)))
                    .setPredictive(Predictive.newBuilder().setWarmupSeconds(300).build()).build();
            final Replay.Traffic ramp = (s, c) -> {
                final double rps = 0.1 * s;
                return Fixtures.window(s, c).setCount(Math.round(rps * 10)).setRps(rps).setRpsSlope(0.1)
                        .setRpsForecast(rps + 0.1 * 300).setForecastHorizonMs(300_000)
                        .setInvocationsPerInstance(rps * 60 / c).build();
            };
            final Replay replay = new Replay(predictive, 1).until(1200, ramp);
            assertThat(replay.decisions()).isNotEmpty();
            for (final ScalingDecision d : replay.decisions()) {
                final long decided = (d.getDecidedAt().toEpochMilli() - Fixtures.T0) / 1000;
                // The load first needs d.getTo() instances in the first window whose rps exceeds 10 × (to - 1).
                long neededAtSecond = 10;
                while (0.1 * neededAtSecond <= 10.0 * (d.getTo() - 1)) {
                    neededAtSecond += 10;
                }
                assertThat(neededAtSecond - decided).as("lead time of %s", d.getReason()).isGreaterThanOrEqualTo(300);
            }
            assertThat(replay.decisions().get(0).getPolicy()).isEqualTo("predictive");
            assertThat(replay.decisions().get(0).getReason()).startsWith("rps forecast");
        }

        @Test
        void theForecastKeepsCapacityThatWillBeNeededFromBeingScaledIn() {
            final ScalingPolicy predictive = policy().setTargetTracking(List.of(target("invocationsPerInstance", 600)))
                    .setPredictive(Predictive.newBuilder().setWarmupSeconds(300).build()).build();
            // Quiet now (10 rps on 6 instances) but the forecast says 50 rps in 300 s: 5 instances.
            final Replay replay = new Replay(predictive, 6).until(900, (s, c) -> Fixtures.window(s, c).setCount(100)
                    .setRps(10).setRpsSlope(0.133).setRpsForecast(50).setForecastHorizonMs(300_000)
                    .setInvocationsPerInstance(600.0 / c).build());
            assertThat(replay.timeline()).containsExactly("300s 6→5");
            assertThat(replay.last().getConstraints()).extracting(c -> c.getKind() + " " + c.getBefore() + "→" + c.getAfter())
                    .containsExactly("MIN_CAPACITY 1→5");
        }
    }

    @Nested
    class AssumedCapacity {

        @Test
        void aSlowActuatorNeverCausesAStackedScaleOut() {
            // The actuator has not started the new instances: latency stays high at the old 4 for minutes.
            final Replay replay = new Replay(P95_300, 4).slowActuator().until(600, (s, c) -> busy(s, c, 40, 412));
            assertThat(replay.timeline()).containsExactly("30s 4→6");
            assertThat(replay.state().capacity()).isEqualTo(6);
        }

        @Test
        void capacityFeedbackReplacesTheAssumedCapacity() {
            final Replay replay = new Replay(P95_300, 4).slowActuator().until(30, (s, c) -> busy(s, c, 40, 412));
            // The actuator clamped the order to the registered maximum of 5.
            replay.feedback(5, replay.last().getDecisionId());
            assertThat(replay.state().capacity()).isEqualTo(5);
            assertThat(replay.state().pendingDecisionId()).isNull();
        }

        @Test
        void feedbackAboutAnEarlierDecisionDoesNotUndoAnUnconfirmedOrder() {
            final Replay replay = new Replay(P95_300, 4).slowActuator().until(30, (s, c) -> busy(s, c, 40, 412));
            replay.feedback(4, "an-earlier-decision");
            assertThat(replay.state().capacity()).isEqualTo(6);
            // Ten minutes later the order is presumed lost, and what the actuator says goes.
            replay.until(660, (s, c) -> busy(s, 4, 40, 280)).feedback(4, "an-earlier-decision");
            assertThat(replay.state().capacity()).isEqualTo(4);
        }
    }

    @Nested
    class TheDecisionRecord {

        @Test
        void theDecisionIdDependsOnlyOnWhatWasDecided() {
            final ScalingDecision first = new Replay(P95_300, 4).until(30, (s, c) -> busy(s, c, 40, 412)).last();
            final ScalingDecision again = new Replay(P95_300, 4).until(30, (s, c) -> busy(s, c, 40, 412)).last();
            final ScalingDecision other = new Replay(P95_300, 4).until(30, (s, c) -> busy(s, c, 40, 700)).last();
            assertThat(again.getDecisionId()).isEqualTo(first.getDecisionId());
            assertThat(other.getDecisionId()).isNotEqualTo(first.getDecisionId());
            assertThat(first.getDecisionId()).matches("[0-9a-f-]{36}");
        }

        @Test
        void itCarriesDryRunAndBackendFromThePolicy() {
            final ScalingPolicy dry = ScalingPolicy.newBuilder(P95_300).setDryRun(true).setBackend("application-autoscaling")
                    .build();
            final ScalingDecision d = new Replay(dry, 4).until(30, (s, c) -> busy(s, c, 40, 412)).last();
            assertThat(d.getDryRun()).isTrue();
            assertThat(d.getBackend()).isEqualTo("application-autoscaling");
            assertThat(d.getDecidedAt().toEpochMilli()).isEqualTo(at(30));
        }

        @Test
        void perModelWindowsAreIgnored() {
            final Replay replay = new Replay(P95_300, 4);
            final var perModel = Fixtures.window(30, 4).setCount(100).setP95LatencyMs(5000).setTargetModel("m1").build();
            replay.until(20, (s, c) -> busy(s, c, 40, 5000));
            assertThat(replay.window(perModel)).isEmpty();
        }
    }
}
