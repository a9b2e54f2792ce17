package io.streamscale.signals.decision;

import static io.streamscale.signals.decision.DecisionEngine.DEFAULT_SCALE_IN_COOLDOWN_SECONDS;
import static io.streamscale.signals.decision.DecisionEngine.DEFAULT_SCALE_OUT_COOLDOWN_SECONDS;
import static io.streamscale.signals.decision.DecisionEngine.HOURS_PER_MONTH;
import static io.streamscale.signals.decision.DecisionEngine.PANIC_HOLD_MS;
import static io.streamscale.signals.decision.DecisionEngine.SCALE_IN_MARGIN;

import io.streamscale.schemas.Budget;
import io.streamscale.schemas.Constraint;
import io.streamscale.schemas.ConstraintKind;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.Predictive;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.StepAdjustment;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One evaluation of one window: reads every rule, proposes candidates, applies the shared limits in
 * a fixed order and returns the decision (or a hold) with the state to keep. Used once, then dropped.
 */
final class Deliberation {

    /** Guards ceil() against binary fractions such as 4 × 0.7 / 0.7 = 4.000000000000001. */
    private static final double EPSILON = 1e-9;
    private static final int MAX_COMPUTED_CAPACITY = 1_000_000;

    private final ScalingPolicy policy;
    private final EngineState state;
    private final EndpointSignals window;
    private final long start;
    private final long now;
    private final int current;
    /** The capacity that produced this window's metrics: a latency or per-instance value says how
     *  loaded THESE instances were, not the ones just ordered and still starting. */
    private final int basis;
    private final Bounds bounds;
    private final long sustainOutMs;
    private final long sustainInMs;
    private final SortedMap<String, Long> previousRuns;
    private final SortedMap<String, Long> runs = new TreeMap<>();
    private final Map<String, Double> used = new TreeMap<>();

    private final List<Tracked> tracked = new ArrayList<>();
    private final List<Stepped> stepped = new ArrayList<>();
    private boolean panicking;
    private int predictiveNeed;
    private String predictiveTrigger;

    /** A target-tracking rule's reading of this window. */
    private record Tracked(int index, TargetTrackingRule rule, double value, int desired, boolean outSustained,
            boolean inSustained, boolean panicking) {
        String name() {
            return "targetTracking[" + index + "] " + rule.getMetric();
        }
    }

    /** A breaching step-scaling rule's reading of this window. */
    private record Stepped(int index, StepScalingRule rule, double value, StepAdjustment step, int to,
            boolean sustained, long heldMs) {
        String name() {
            return "stepScaling[" + index + "] " + rule.getMetric();
        }
    }

    /** Min/max in force now, and which setting they come from. */
    private record Bounds(int min, ConstraintKind minKind, String minSource, int max, ConstraintKind maxKind,
            String maxSource, String minPolicy, String maxPolicy) {
    }

    Deliberation(final ScalingPolicy policy, final EngineState state, final EndpointSignals window,
            final ScheduleLookup schedules) {
        this.policy = policy;
        this.state = state;
        this.window = window;
        this.start = window.getWindowStart().toEpochMilli();
        this.now = window.getWindowEnd().toEpochMilli();
        this.current = state.capacity();
        this.basis = window.getCapacity() > 0 ? window.getCapacity() : Math.max(1, current);
        this.bounds = bounds(policy, schedules, window.getWindowEnd());
        this.sustainOutMs = Math.max(0, policy.getScaleOutSustainSeconds()) * 1000L;
        this.sustainInMs = Math.max(0, policy.getScaleInSustainSeconds()) * 1000L;
        // A missing window breaks every run: "held for the whole period" needs every window of it.
        final boolean contiguous = state.lastWindowEnd() == 0 || start <= state.lastWindowEnd();
        this.previousRuns = contiguous ? state.runStarts() : new TreeMap<>();
    }

    Evaluation decide() {
        read();
        final long panicUntil = panicking ? now + PANIC_HOLD_MS : state.panicUntil();
        final long stabilisationMs = Math.max(0, policy.getScaleInStabilizationSeconds()) * 1000L;
        final List<EngineState.Recommendation> recent = EngineState.append(state.recommendations(),
                new EngineState.Recommendation(now, recommendation()), now - stabilisationMs);
        final EngineState observed = state.observed(now, runs, recent, panicUntil);

        final List<Candidate> out = scaleOutCandidates();
        if (current > bounds.max()) {
            // Registered or scheduled max below what runs: move inside at once (no cooldown, as AWS does).
            return emit(observed, Direction.SCALE_IN, new Candidate(bounds.max(), bounds.maxPolicy(),
                    "capacity " + current + " above " + bounds.maxSource(), bounds.maxPolicy(), null),
                    bounds.max(), List.of());
        }
        if (!out.isEmpty()) {
            return scaleOut(observed, out);
        }
        return scaleIn(observed, recent, panicUntil);
    }

    // ---- reading the rules -------------------------------------------------------------------

    private void read() {
        used.put("count", (double) window.getCount());
        used.put("rps", window.getRps());
        used.put("p95LatencyMs", window.getP95LatencyMs());
        used.put("capacity", (double) window.getCapacity());
        final Double ratio = policy.getPanicThresholdRatio();
        final List<TargetTrackingRule> rules = policy.getTargetTracking();
        for (int i = 0; i < rules.size(); i++) {
            final TargetTrackingRule rule = rules.get(i);
            final OptionalDouble value = SignalValues.value(window, rule.getMetric());
            final double target = rule.getTargetValue();
            if (value.isEmpty() || !(target > 0)) {
                continue;
            }
            final double v = value.getAsDouble();
            used.put(rule.getMetric(), v);
            final String key = "targetTracking[" + i + "]";
            final long outHeld = held(key + ".out", v > target);
            final long inHeld = held(key + ".in", v < SCALE_IN_MARGIN * target);
            final boolean panic = ratio != null && ratio > 0 && v >= ratio * target;
            panicking |= panic;
            tracked.add(new Tracked(i, rule, v, capacityFor(basis * v / target),
                    outHeld >= 0 && outHeld >= sustainOutMs, inHeld >= 0 && inHeld >= sustainInMs, panic));
        }
        final List<StepScalingRule> steps = policy.getStepScaling();
        for (int j = 0; j < steps.size(); j++) {
            readStep(j, steps.get(j));
        }
        readPredictive();
    }

    private void readStep(final int index, final StepScalingRule rule) {
        final OptionalDouble value = SignalValues.value(window, rule.getMetric());
        if (value.isEmpty()) {
            return;
        }
        final double v = value.getAsDouble();
        used.put(rule.getMetric(), v);
        final boolean breach = StepAdjustments.breaches(rule, v);
        final Optional<StepAdjustment> step = breach ? StepAdjustments.step(rule, v) : Optional.empty();
        final long heldMs = held("stepScaling[" + index + "]", step.isPresent());
        if (step.isEmpty()) {
            return;
        }
        final int to = StepAdjustments.apply(rule, step.get(), current);
        final long sustainMs = to > current ? sustainOutMs : sustainInMs;
        stepped.add(new Stepped(index, rule, v, step.get(), to, heldMs >= sustainMs, heldMs));
    }

    /**
     * Capacity the rps forecast at now + horizon (default: the warm-up time) will need, by the rate
     * per instance each target-tracking rule on invocationsPerInstance or rps implies.
     */
    private void readPredictive() {
        final Predictive predictive = policy.getPredictive();
        if (predictive == null) {
            return;
        }
        final int horizonSeconds = predictive.getHorizonSeconds() != null ? predictive.getHorizonSeconds()
                : predictive.getWarmupSeconds();
        final double forecast = Math.max(0, forecastRps(horizonSeconds));
        used.put("rpsForecast", window.getRpsForecast());
        used.put("predictedRps", forecast);
        for (final TargetTrackingRule rule : policy.getTargetTracking()) {
            final double target = rule.getTargetValue();
            if (!(target > 0)) {
                continue;
            }
            final int need;
            if ("invocationsPerInstance".equals(rule.getMetric())) {
                need = capacityFor(forecast * 60 / target);
            } else if ("rps".equals(rule.getMetric())) {
                need = capacityFor(basis * forecast / target);
            } else {
                continue;
            }
            if (need > predictiveNeed) {
                predictiveNeed = need;
                predictiveTrigger = "rps forecast " + Wording.number(forecast) + " at +" + horizonSeconds
                        + " s needs " + need + " at " + rule.getMetric() + " " + Wording.number(target);
            }
        }
    }

    /** The signal topology forecasts at its own horizon; the rps slope carries it to ours. */
    private double forecastRps(final int horizonSeconds) {
        final long forecastHorizonMs = window.getForecastHorizonMs();
        if (forecastHorizonMs > 0) {
            return window.getRpsForecast() + window.getRpsSlope() * (horizonSeconds - forecastHorizonMs / 1000.0);
        }
        return window.getRps() + window.getRpsSlope() * horizonSeconds;
    }

    /** Milliseconds the condition has held in every window up to now, or -1 when it does not hold now. */
    private long held(final String condition, final boolean holds) {
        if (!holds) {
            return -1;
        }
        final long since = previousRuns.getOrDefault(condition, start);
        runs.put(condition, since);
        return now - since;
    }

    /** What this window alone recommends, remembered for stabilisation (min/max apply after it). */
    private int recommendation() {
        int highest = -1;
        for (final Tracked t : tracked) {
            highest = Math.max(highest, t.desired());
        }
        for (final Stepped s : stepped) {
            highest = Math.max(highest, s.to());
        }
        return highest < 0 ? current : highest;
    }

    // ---- scale out -------------------------------------------------------------------------

    private List<Candidate> scaleOutCandidates() {
        final List<Candidate> out = new ArrayList<>();
        for (final Tracked t : tracked) {
            if (t.outSustained() && t.desired() > current) {
                out.add(new Candidate(t.desired(), t.name(), above(t) + " for " + Wording.seconds(sustainOutMs),
                        "target tracking", cooldownOut(t.rule().getScaleOutCooldownSeconds())));
            }
        }
        for (final Tracked t : tracked) {
            if (t.panicking() && t.desired() > current) {
                out.add(new Candidate(t.desired(), "panic " + t.name(), Wording.metric(t.rule().getMetric(), t.value())
                        + " ≥ " + Wording.number(policy.getPanicThresholdRatio()) + " × "
                        + Wording.threshold(t.rule().getMetric(), t.rule().getTargetValue()) + " in one window",
                        "panic", cooldownOut(t.rule().getScaleOutCooldownSeconds())));
            }
        }
        for (final Stepped s : stepped) {
            if (s.sustained() && s.to() > current) {
                out.add(stepOut(s));
            }
        }
        if (predictiveNeed > current) {
            out.add(new Candidate(predictiveNeed, "predictive", predictiveTrigger, "predictive",
                    DEFAULT_SCALE_OUT_COOLDOWN_SECONDS));
        }
        if (current < bounds.min()) {
            out.add(new Candidate(bounds.min(), bounds.minPolicy(), "capacity " + current + " below "
                    + bounds.minSource(), bounds.minPolicy(), null));
        }
        return out;
    }

    /**
     * AWS: while a scale-out cooldown runs, the capacity the last scale-out added counts towards the
     * next step, so a step is taken from the capacity before that scale-out, and passes only if larger.
     */
    private Candidate stepOut(final Stepped s) {
        final String trigger = Wording.metric(s.rule().getMetric(), s.value()) + " " + comparison(s.rule()) + " "
                + Wording.threshold(s.rule().getMetric(), s.rule().getThreshold()) + " for "
                + Wording.seconds(s.heldMs());
        final String driver = "step scaling " + StepAdjustments.describe(s.rule(), s.step());
        final Integer cooldown = s.rule().getCooldownSeconds() != null ? s.rule().getCooldownSeconds()
                : DEFAULT_SCALE_OUT_COOLDOWN_SECONDS;
        if (state.inScaleOutCooldown(now) && state.lastScaleOutFrom() != current) {
            final int fromBase = StepAdjustments.apply(s.rule(), s.step(), state.lastScaleOutFrom());
            if (fromBase != s.to()) {
                return new Candidate(fromBase, s.name(), trigger, driver, cooldown, List.of(constraint(
                        ConstraintKind.COOLDOWN, s.to(), fromBase, "scale-out cooldown: step counted from "
                                + state.lastScaleOutFrom() + ", the capacity before the last scale-out")));
            }
        }
        return new Candidate(s.to(), s.name(), trigger, driver, cooldown);
    }

    private Evaluation scaleOut(final EngineState observed, final List<Candidate> candidates) {
        final List<Candidate> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparingInt(Candidate::to).reversed()); // stable: ties keep rule order
        for (final Candidate candidate : ordered) {
            final List<Constraint> constraints = new ArrayList<>(candidate.shapedBy());
            int to = candidate.to();
            if (to > bounds.max()) {
                constraints.add(constraint(bounds.maxKind(), to, bounds.max(), bounds.maxSource()));
                to = bounds.max();
            }
            final Integer maxStepOut = policy.getMaxStepOut();
            if (maxStepOut != null && maxStepOut >= 0 && to - current > maxStepOut) {
                constraints.add(constraint(ConstraintKind.STEP_LIMIT, to, current + maxStepOut, "maxStepOut "
                        + maxStepOut));
                to = current + maxStepOut;
            }
            if (to < bounds.min()) {
                constraints.add(constraint(bounds.minKind(), to, bounds.min(), bounds.minSource()));
                to = bounds.min();
            }
            final int affordable = affordableInstances();
            if (to > affordable) {
                final Budget budget = policy.getBudget();
                constraints.add(constraint(ConstraintKind.BUDGET, to, affordable, "budget "
                        + Wording.money(budget.getMonthlyCap()) + "/month"));
                to = affordable;
            }
            if (to <= current) {
                continue;
            }
            if (candidate.obeysCooldown() && state.inScaleOutCooldown(now) && to <= state.lastScaleOutTo()) {
                continue; // during the scale-out cooldown only a larger scale-out passes
            }
            return emit(observed, Direction.SCALE_OUT, candidate, to, constraints);
        }
        return Evaluation.hold(observed);
    }

    /** Most instances whose projected monthly spend stays within the cap (unbounded without a budget). */
    private int affordableInstances() {
        final Budget budget = policy.getBudget();
        if (budget == null || !(budget.getInstanceHourlyPrice() > 0)) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.floor(budget.getMonthlyCap() / (budget.getInstanceHourlyPrice() * HOURS_PER_MONTH)
                + EPSILON);
    }

    // ---- scale in --------------------------------------------------------------------------

    private Evaluation scaleIn(final EngineState observed, final List<EngineState.Recommendation> recent,
            final long panicUntil) {
        final List<Candidate> candidates = new ArrayList<>();
        final List<Tracked> voting = tracked.stream().filter(t -> !t.rule().getDisableScaleIn()).toList();
        final long enabledRules = policy.getTargetTracking().stream().filter(r -> !r.getDisableScaleIn()).count();
        if (enabledRules > 0) {
            // AWS: target tracking scales in only when every policy (with scale-in enabled) says in.
            final boolean allIn = voting.size() == enabledRules && voting.stream().allMatch(Tracked::inSustained);
            if (!allIn) {
                return Evaluation.hold(observed);
            }
            final Tracked highest = tracked.stream().max(Comparator.comparingInt(Tracked::desired)).orElseThrow();
            final String trigger = voting.stream().map(this::below).collect(Collectors.joining(" and "))
                    + " for " + Wording.seconds(sustainInMs);
            candidates.add(new Candidate(highest.desired(), highest.name(), trigger, "target tracking",
                    cooldownIn(highest.rule().getScaleInCooldownSeconds())));
        }
        for (final Stepped s : stepped) {
            if (s.sustained() && s.to() < current) {
                candidates.add(new Candidate(s.to(), s.name(), Wording.metric(s.rule().getMetric(), s.value()) + " "
                        + comparison(s.rule()) + " " + Wording.threshold(s.rule().getMetric(), s.rule().getThreshold())
                        + " for " + Wording.seconds(s.heldMs()), "step scaling "
                        + StepAdjustments.describe(s.rule(), s.step()), s.rule().getCooldownSeconds() != null
                        ? s.rule().getCooldownSeconds() : DEFAULT_SCALE_IN_COOLDOWN_SECONDS));
            }
        }
        // AWS: among policies that want to scale in, the one leaving the largest capacity wins.
        final Optional<Candidate> best = candidates.stream().max(Comparator.comparingInt(Candidate::to));
        if (best.isEmpty() || best.get().to() >= current) {
            return Evaluation.hold(observed);
        }
        final Candidate candidate = best.get();
        final List<Constraint> constraints = new ArrayList<>();
        int to = candidate.to();
        final int stabilised = recent.stream().mapToInt(EngineState.Recommendation::capacity).max().orElse(to);
        if (stabilised > to) {
            constraints.add(constraint(ConstraintKind.STABILIZATION, to, stabilised,
                    "stabilisation: highest recommendation in " + policy.getScaleInStabilizationSeconds() + " s"));
            to = stabilised;
        }
        if (predictiveNeed > to) {
            constraints.add(constraint(ConstraintKind.MIN_CAPACITY, to, predictiveNeed, "predictive: "
                    + predictiveTrigger));
            to = predictiveNeed;
        }
        if (to < bounds.min()) {
            constraints.add(constraint(bounds.minKind(), to, bounds.min(), bounds.minSource()));
            to = bounds.min();
        }
        if (to >= current || now < panicUntil || state.inScaleInCooldown(now)) {
            return Evaluation.hold(observed);
        }
        return emit(observed, Direction.SCALE_IN, candidate, to, constraints);
    }

    // ---- the decision ----------------------------------------------------------------------

    private Evaluation emit(final EngineState observed, final Direction direction, final Candidate candidate,
            final int to, final List<Constraint> constraints) {
        final String id = DecisionIds.of(window.getEndpoint(), window.getVariant(), now, current, to);
        // The rule's own ask reads first; every constraint then says how it moved the number.
        final int asked = candidate.shapedBy().isEmpty() ? candidate.to() : candidate.shapedBy().get(0).getBefore();
        final StringBuilder reason = new StringBuilder(candidate.trigger()).append("; ").append(candidate.driver())
                .append(' ').append(current).append('→').append(asked);
        for (final Constraint c : constraints) {
            reason.append("; ").append(c.getAfter() < c.getBefore() ? "capped " : "raised ").append(c.getBefore())
                    .append('→').append(c.getAfter()).append(" by ").append(c.getDetail());
        }
        final ScalingDecision decision = ScalingDecision.newBuilder()
                .setDecisionId(id)
                .setEndpoint(window.getEndpoint())
                .setVariant(window.getVariant())
                .setDecidedAt(Instant.ofEpochMilli(now))
                .setFrom(current)
                .setTo(to)
                .setDirection(direction)
                .setPolicy(candidate.policy())
                .setConstraints(constraints)
                .setReason(reason.toString())
                .setSignals(used)
                .setDryRun(policy.getDryRun())
                .setBackend(policy.getBackend())
                .build();
        final EngineState next;
        if (direction == Direction.SCALE_OUT) {
            next = observed.scaledOut(id, now, to, candidate.obeysCooldown()
                    ? now + candidate.cooldownSeconds() * 1000L : observed.scaleOutCooldownUntil());
        } else {
            next = observed.scaledIn(id, now, to, candidate.obeysCooldown()
                    ? now + candidate.cooldownSeconds() * 1000L : observed.scaleInCooldownUntil());
        }
        return new Evaluation(next, Optional.of(decision));
    }

    // ---- small helpers ---------------------------------------------------------------------

    private static Bounds bounds(final ScalingPolicy policy, final ScheduleLookup schedules, final Instant at) {
        int min = policy.getMinCapacity();
        int max = policy.getMaxCapacity();
        ConstraintKind minKind = ConstraintKind.MIN_CAPACITY;
        ConstraintKind maxKind = ConstraintKind.MAX_CAPACITY;
        String minSource = "minCapacity " + min;
        String maxSource = "maxCapacity " + max;
        String minPolicy = "minCapacity";
        String maxPolicy = "maxCapacity";
        final Optional<ScheduledBounds> scheduled = policy.getScheduled().isEmpty() ? Optional.empty()
                : schedules.inForce(policy.getScheduled(), at);
        if (scheduled.isPresent()) {
            final ScheduledBounds s = scheduled.get();
            final String rule = s.ruleName() == null || s.ruleName().isBlank() ? "scheduled" : s.ruleName();
            final String policyName = rule.startsWith("scheduled") ? rule : "scheduled " + rule;
            if (s.min() != null) {
                min = s.min();
                minKind = ConstraintKind.SCHEDULE;
                minSource = "schedule " + rule + " min " + min;
                minPolicy = policyName;
            }
            if (s.max() != null) {
                max = s.max();
                maxKind = ConstraintKind.SCHEDULE;
                maxSource = "schedule " + rule + " max " + max;
                maxPolicy = policyName;
            }
            // A scheduled bound is newer than the policy's other bound: where they cross, it wins and
            // the other moves to meet it, as when a scheduled action re-registers the scalable target.
            if (min > max && s.min() != null && s.max() == null) {
                max = min;
                maxSource = minSource;
            } else if (min > max && s.max() != null && s.min() == null) {
                min = max;
                minSource = maxSource;
            }
        }
        return new Bounds(Math.max(0, Math.min(min, max)), minKind, minSource, max, maxKind, maxSource, minPolicy,
                maxPolicy);
    }

    private String above(final Tracked t) {
        return Wording.metric(t.rule().getMetric(), t.value()) + " > "
                + Wording.threshold(t.rule().getMetric(), t.rule().getTargetValue());
    }

    private String below(final Tracked t) {
        return Wording.metric(t.rule().getMetric(), t.value()) + " < "
                + Wording.threshold(t.rule().getMetric(), SCALE_IN_MARGIN * t.rule().getTargetValue())
                + " (90 % of " + Wording.number(t.rule().getTargetValue()) + ")";
    }

    private static String comparison(final StepScalingRule rule) {
        return switch (rule.getComparison()) {
            case GreaterThanThreshold -> ">";
            case GreaterThanOrEqualToThreshold -> "≥";
            case LessThanThreshold -> "<";
            case LessThanOrEqualToThreshold -> "≤";
        };
    }

    private static int cooldownOut(final Integer seconds) {
        return seconds != null ? seconds : DEFAULT_SCALE_OUT_COOLDOWN_SECONDS;
    }

    private static int cooldownIn(final Integer seconds) {
        return seconds != null ? seconds : DEFAULT_SCALE_IN_COOLDOWN_SECONDS;
    }

    private static int capacityFor(final double instances) {
        if (!(instances > 0)) {
            return 0;
        }
        return (int) Math.min(MAX_COMPUTED_CAPACITY, Math.ceil(instances - EPSILON));
    }

    private static Constraint constraint(final ConstraintKind kind, final int before, final int after,
            final String detail) {
        return Constraint.newBuilder().setKind(kind).setBefore(before).setAfter(after).setDetail(detail).build();
    }
}
