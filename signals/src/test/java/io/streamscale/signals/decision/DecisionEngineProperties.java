package io.streamscale.signals.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.AdjustmentType;
import io.streamscale.schemas.Budget;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the policy and whatever the traffic, the engine keeps its promises: capacity stays within
 * min..max, no scale-out overspends the budget, no scale-in comes inside the scale-in cooldown of the
 * previous one, and inside a scale-out cooldown only a larger scale-out follows.
 */
class DecisionEngineProperties {

    static final String[] METRICS = {"p95LatencyMs", "invocationsPerInstance", "queueDepthMax", "rps", "concurrencyMean"};

    /** A random scenario: a policy, a starting capacity, and load per window (applied at once or not). */
    record Scenario(ScalingPolicy policy, int initialCapacity, boolean slowActuator, List<double[]> load) {
        @Override
        public String toString() {
            return "Scenario[initial=" + initialCapacity + ", slow=" + slowActuator + ", windows=" + load.size()
                    + ", policy=" + policy + "]";
        }
    }

    @Property(tries = 200)
    void capacityStaysWithinMinAndMax(@ForAll("scenarios") final Scenario scenario) {
        for (final ScalingDecision d : run(scenario)) {
            assertThat(d.getTo()).as(d.getReason()).isBetween(scenario.policy().getMinCapacity(),
                    scenario.policy().getMaxCapacity());
        }
    }

    @Property(tries = 200)
    void noScaleOutRaisesSpendAboveTheBudget(@ForAll("scenarios") final Scenario scenario) {
        final Budget budget = scenario.policy().getBudget();
        for (final ScalingDecision d : run(scenario)) {
            if (budget != null && d.getDirection() == Direction.SCALE_OUT) {
                assertThat(d.getTo() * budget.getInstanceHourlyPrice() * DecisionEngine.HOURS_PER_MONTH)
                        .as(d.getReason()).isLessThanOrEqualTo(budget.getMonthlyCap() + 1e-6);
            }
        }
    }

    @Property(tries = 200)
    void noScaleInInsideTheScaleInCooldown(@ForAll("scenarios") final Scenario scenario) {
        ScalingDecision previousIn = null;
        for (final ScalingDecision d : run(scenario)) {
            if (d.getDirection() == Direction.SCALE_OUT) {
                previousIn = null; // a scale-out ends a running scale-in cooldown
            } else if (obeysCooldown(d)) {
                if (previousIn != null) {
                    final long gap = d.getDecidedAt().toEpochMilli() - previousIn.getDecidedAt().toEpochMilli();
                    assertThat(gap).as(previousIn.getReason() + " then " + d.getReason())
                            .isGreaterThanOrEqualTo(cooldownSeconds(scenario.policy(), previousIn) * 1000L);
                }
                previousIn = d;
            }
        }
    }

    @Property(tries = 200)
    void insideTheScaleOutCooldownOnlyALargerScaleOutFollows(@ForAll("scenarios") final Scenario scenario) {
        ScalingDecision previousOut = null;
        for (final ScalingDecision d : run(scenario)) {
            if (d.getDirection() != Direction.SCALE_OUT || !obeysCooldown(d)) {
                continue;
            }
            if (previousOut != null) {
                final long gap = d.getDecidedAt().toEpochMilli() - previousOut.getDecidedAt().toEpochMilli();
                if (gap < cooldownSeconds(scenario.policy(), previousOut) * 1000L) {
                    assertThat(d.getTo()).as(previousOut.getReason() + " then " + d.getReason())
                            .isGreaterThan(previousOut.getTo());
                }
            }
            previousOut = d;
        }
    }

    /** The properties are not vacuous: the generated scenarios make every kind of decision. */
    @Example
    void theScenariosExerciseEveryRuleAndLimit() {
        final Random random = new Random(42);
        final List<ScalingDecision> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.addAll(run(scenario(random)));
        }
        assertThat(all).extracting(ScalingDecision::getDirection).contains(Direction.SCALE_OUT, Direction.SCALE_IN);
        assertThat(all).extracting(d -> d.getPolicy().replaceAll("\\[.*", "").replaceAll(" .*", ""))
                .contains("targetTracking", "stepScaling", "panic", "predictive", "minCapacity", "maxCapacity");
        assertThat(all).flatExtracting(ScalingDecision::getConstraints).extracting(c -> c.getKind().name())
                .contains("BUDGET", "STEP_LIMIT", "MAX_CAPACITY", "MIN_CAPACITY", "STABILIZATION", "COOLDOWN");
    }

    // ---- running a scenario ----------------------------------------------------------------

    static List<ScalingDecision> run(final Scenario scenario) {
        final DecisionEngine engine = new DecisionEngine();
        EngineState state = EngineState.initial(scenario.initialCapacity());
        int measured = scenario.initialCapacity();
        final List<ScalingDecision> decisions = new ArrayList<>();
        long second = 0;
        for (final double[] load : scenario.load()) {
            second += 10;
            final Evaluation e = engine.evaluate(scenario.policy(), state, window(second, measured, load));
            state = e.next();
            if (e.decision().isPresent()) {
                decisions.add(e.decision().get());
                if (!scenario.slowActuator()) {
                    measured = e.decision().get().getTo();
                }
            }
        }
        return decisions;
    }

    /** load = {rps, p95 at one instance, queue depth (negative: not reported), rps slope}. */
    static EndpointSignals window(final long second, final int capacity, final double[] load) {
        final double rps = load[0];
        final int instances = Math.max(1, capacity);
        final double p95 = rps == 0 ? 0 : load[1] / instances;
        return Fixtures.window(second, capacity).setCount(Math.round(rps * 10)).setRps(rps).setP95LatencyMs(p95)
                .setP99LatencyMs(p95 * 1.3).setP50LatencyMs(p95 / 2).setConcurrencyMean(rps * p95 / 1000)
                .setQueueDepthMax(load[2] < 0 ? null : (int) load[2]).setInvocationsPerInstance(rps * 60 / instances)
                .setRpsSlope(load[3]).setRpsForecast(Math.max(0, rps + load[3] * 60)).setForecastHorizonMs(60_000)
                .build();
    }

    static boolean obeysCooldown(final ScalingDecision d) {
        return !d.getPolicy().startsWith("minCapacity") && !d.getPolicy().startsWith("maxCapacity")
                && !d.getPolicy().startsWith("scheduled");
    }

    /** The cooldown the rule that drove {@code d} starts, read from the policy as the engine should. */
    static int cooldownSeconds(final ScalingPolicy policy, final ScalingDecision d) {
        final boolean out = d.getDirection() == Direction.SCALE_OUT;
        final String name = d.getPolicy().replace("panic ", "");
        if (name.startsWith("targetTracking[")) {
            final TargetTrackingRule rule = policy.getTargetTracking().get(index(name));
            final Integer seconds = out ? rule.getScaleOutCooldownSeconds() : rule.getScaleInCooldownSeconds();
            return seconds != null ? seconds : out ? 60 : 300;
        }
        if (name.startsWith("stepScaling[")) {
            final Integer seconds = policy.getStepScaling().get(index(name)).getCooldownSeconds();
            return seconds != null ? seconds : out ? 60 : 300;
        }
        return out ? 60 : 300; // predictive
    }

    private static int index(final String name) {
        return Integer.parseInt(name.substring(name.indexOf('[') + 1, name.indexOf(']')));
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(DecisionEngineProperties::scenario);
    }

    static Scenario scenario(final Random random) {
        final ScalingPolicy policy = policy(random);
        final int initial = 1 + random.nextInt(policy.getMaxCapacity() + 5);
        final int windows = 20 + random.nextInt(150);
        final List<double[]> load = new ArrayList<>();
        double rps = random.nextDouble() * 200;
        final double latencyAtOne = 200 + random.nextDouble() * 3000;
        for (int i = 0; i < windows; i++) {
            // Random walk with bursts and silences, so every rule gets to fire.
            final int mood = random.nextInt(20);
            if (mood == 0) {
                rps = 0;
            } else if (mood == 1) {
                rps = rps * (2 + random.nextDouble() * 4) + 10;
            } else {
                rps = Math.max(0, rps + random.nextGaussian() * 15);
            }
            final double queue = random.nextInt(4) == 0 ? -1 : rps * random.nextDouble() * 20;
            load.add(new double[] {rps, latencyAtOne * (0.5 + random.nextDouble()), queue, random.nextGaussian()});
        }
        return new Scenario(policy, initial, random.nextBoolean(), load);
    }

    static ScalingPolicy policy(final Random random) {
        final int min = 1 + random.nextInt(4);
        final int max = min + random.nextInt(25);
        final Integer outCooldown = random.nextBoolean() ? null : random.nextInt(7) * 30;
        final Integer inCooldown = random.nextBoolean() ? null : random.nextInt(11) * 60;
        final List<TargetTrackingRule> tracking = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            final String metric = METRICS[random.nextInt(METRICS.length)];
            tracking.add(TargetTrackingRule.newBuilder().setMetric(metric)
                    .setTargetValue(metric.equals("p95LatencyMs") ? 100 + random.nextInt(500) : 5 + random.nextInt(300))
                    .setScaleOutCooldownSeconds(outCooldown).setScaleInCooldownSeconds(inCooldown)
                    .setDisableScaleIn(random.nextInt(5) == 0).build());
        }
        final List<StepScalingRule> steps = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            steps.add(stepRule(random));
        }
        final ScalingPolicy.Builder policy = ScalingPolicy.newBuilder().setEndpoint("fraud-model")
                .setMinCapacity(min).setMaxCapacity(max).setTargetTracking(tracking).setStepScaling(steps)
                .setScaleOutSustainSeconds(random.nextInt(7) * 10).setScaleInSustainSeconds(random.nextInt(31) * 10)
                .setScaleInStabilizationSeconds(random.nextInt(31) * 10);
        if (random.nextBoolean()) {
            policy.setPanicThresholdRatio(1.2 + random.nextDouble() * 2);
        }
        if (random.nextBoolean()) {
            policy.setMaxStepOut(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            // Never below what the minimum costs: a budget that forbids the minimum is a policy error.
            final double price = 0.1 + random.nextDouble() * 5;
            final double cap = price * DecisionEngine.HOURS_PER_MONTH * (min + random.nextDouble() * (max - min + 2));
            policy.setBudget(Budget.newBuilder().setInstanceHourlyPrice(price).setMonthlyCap(cap).build());
        }
        if (random.nextBoolean()) {
            policy.setPredictive(Predictive.newBuilder().setWarmupSeconds(random.nextInt(11) * 60).build());
        }
        return policy.build();
    }

    static StepScalingRule stepRule(final Random random) {
        final boolean up = random.nextBoolean();
        final AdjustmentType type = AdjustmentType.values()[random.nextInt(3)];
        final int sign = up ? 1 : -1;
        final int first = type == AdjustmentType.ExactCapacity ? 1 + random.nextInt(30)
                : sign * (1 + random.nextInt(type == AdjustmentType.PercentChangeInCapacity ? 80 : 4));
        final int second = type == AdjustmentType.ExactCapacity ? 1 + random.nextInt(30) : first * 2;
        final List<StepAdjustment> adjustments = up
                ? List.of(Fixtures.step(0.0, 50.0, first), Fixtures.step(50.0, null, second))
                : List.of(Fixtures.step(-20.0, 0.0, first), Fixtures.step(null, -20.0, second));
        return StepScalingRule.newBuilder().setMetric(METRICS[random.nextInt(METRICS.length)])
                .setThreshold(10 + random.nextInt(200))
                .setComparison(up ? ComparisonOperator.GreaterThanThreshold : ComparisonOperator.LessThanOrEqualToThreshold)
                .setAdjustmentType(type).setMinAdjustmentMagnitude(random.nextBoolean() ? null : 1 + random.nextInt(3))
                .setCooldownSeconds(random.nextBoolean() ? null : random.nextInt(10) * 30)
                .setStepAdjustments(adjustments).build();
    }
}
