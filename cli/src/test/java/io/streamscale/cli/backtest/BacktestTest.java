package io.streamscale.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.StreamScaleCommand;
import io.streamscale.ingest.trace.TraceReader;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.policy.PolicyDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscale backtest} over the first five minutes of a real trace (Mooncake's Kimi chat
 * conversations, see test resources traces/PROVENANCE.md), checked against the decisions the test
 * derives itself from the policy's rules and its own per-window request counts.
 */
class BacktestTest {

    private static final Path TRACE = Path.of("src/test/resources/traces/mooncake-conversation-first-5min.jsonl");
    private static final long WINDOW_MS = 10_000;

    /**
     * Target tracking on SageMaker's InvocationsPerInstance at 180 per instance per minute: with 144
     * to 247 requests a minute, one instance is sometimes too few and two always enough.
     */
    private static final String POLICY = """
            {"endpoint": "mooncake-conversation", "variant": "AllTraffic", "minCapacity": 1, "maxCapacity": 10,
             "targetTracking": [{"TargetValue": 180, "ScaleOutCooldown": 60, "ScaleInCooldown": 120,
               "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}}],
             "sustain": {"scaleOutSeconds": 30, "scaleInSeconds": 60},
             "stabilization": {"scaleInSeconds": 0}}
            """;

    private record Expected(long decidedAt, int from, int to, String why) {
    }

    @TempDir
    Path out;

    @Test
    void decidesWhatThePolicysRulesSayForTheTracesOwnWindowCounts() throws Exception {
        final List<Expected> expected = derive(windowCounts());
        assertThat(expected).as("the slice exercises both directions")
                .anyMatch(e -> e.to() > e.from()).anyMatch(e -> e.to() < e.from());

        final Backtest.Result result;
        try (Stream<RequestLog> logs = TraceReader.read(TRACE)) {
            result = Backtest.run(logs.iterator(), new Backtest.Options(PolicyDocuments.parseAll(POLICY), null, null, SignalConfig.DEFAULTS));
        }

        final List<String> actual = result.decisions().stream()
                .map(d -> d.getDecidedAt().toEpochMilli() + " " + d.getFrom() + "→" + d.getTo()).toList();
        final StringBuilder explanation = new StringBuilder("expected, derived by the test:\n");
        expected.forEach(e -> explanation.append(e.decidedAt()).append(' ').append(e.from()).append('→').append(e.to())
                .append("  ").append(e.why()).append('\n'));
        assertThat(actual).as(explanation.toString())
                .containsExactlyElementsOf(expected.stream().map(e -> e.decidedAt() + " " + e.from() + "→" + e.to()).toList());
        assertThat(result.decisions()).allSatisfy(d -> assertThat(d.getReason()).contains("invocationsPerInstance"));
        assertThat(result.records()).isEqualTo(918);
    }

    @Test
    void sameInputSameOutputEveryTime() throws Exception {
        final Path policy = out.resolve("policy.json");
        Files.writeString(policy, POLICY);
        final Path first = out.resolve("first");
        final Path second = out.resolve("second");
        for (final Path dir : List.of(first, second)) {
            assertThat(StreamScaleCommand.commandLine().execute("backtest", "--trace", TRACE.toString(), "--policy", policy.toString(),
                    "--out", dir.toString())).isZero();
        }
        for (final String file : List.of("signals.jsonl", "decisions.jsonl", "summary.json")) {
            assertThat(Files.readString(second.resolve(file))).as(file).isEqualTo(Files.readString(first.resolve(file)));
        }
        assertThat(Files.readString(first.resolve("summary.json"))).contains("\"accepted\" : 918", "capacityHours", "windowsP95AboveTarget");
    }

    @Test
    void withoutAPolicyComputesSignalsOnly() throws Exception {
        assertThat(StreamScaleCommand.commandLine().execute("backtest", "--trace", TRACE.toString(), "--out", out.toString())).isZero();
        assertThat(Files.readAllLines(out.resolve("signals.jsonl"))).hasSize(windowCounts().size());
        assertThat(Files.readString(out.resolve("decisions.jsonl"))).isEmpty();
    }

    @Test
    void anApplyDelayKeepsTheOldCapacityInForceUntilTheActionLands() throws Exception {
        final Backtest.Result delayed;
        try (Stream<RequestLog> logs = TraceReader.read(TRACE)) {
            delayed = Backtest.run(logs.iterator(), new Backtest.Options(PolicyDocuments.parseAll(POLICY), null,
                    java.time.Duration.ofSeconds(40), SignalConfig.DEFAULTS));
        }
        final ScalingDecision first = delayed.decisions().get(0);
        final long decided = first.getDecidedAt().toEpochMilli();
        delayed.signals().stream().filter(s -> s.getWindowEnd().toEpochMilli() > decided).forEach(s -> {
            final long after = s.getWindowEnd().toEpochMilli() - decided;
            if (after < 40_000) {
                assertThat(s.getCapacity()).as("window ending %d ms after the decision", after).isEqualTo(first.getFrom());
            }
        });
        assertThat(delayed.signals()).anyMatch(s -> s.getWindowEnd().toEpochMilli() >= decided + 50_000 && s.getCapacity() == first.getTo());
    }

    /** Requests per epoch-aligned 10 s window, counted here from the trace's arrival times; empty windows included. */
    private static TreeMap<Long, Integer> windowCounts() {
        final TreeMap<Long, Integer> counts = new TreeMap<>();
        try (Stream<RequestLog> logs = TraceReader.read(TRACE)) {
            logs.forEach(l -> counts.merge(Math.floorDiv(l.getTimestamp().toEpochMilli(), WINDOW_MS) * WINDOW_MS, 1, Integer::sum));
        }
        for (long w = counts.firstKey(); w < counts.lastKey(); w += WINDOW_MS) {
            counts.putIfAbsent(w, 0);
        }
        return counts;
    }

    /**
     * The policy's decisions, by its rules as DESIGN.md and AWS state them, window by window:
     * <ul>
     *   <li>the metric is requests per minute per instance: count × 6 / capacity;</li>
     *   <li>target tracking wants ceil(capacity × metric / 180) = ceil(count × 6 / 180) instances;</li>
     *   <li>scale out when the metric was above 180 in each of the last 3 windows (30 s sustain) and
     *       more instances are wanted; inside the 60 s scale-out cooldown only a larger scale-out passes;
     *       a scale-out ends a running scale-in cooldown;</li>
     *   <li>scale in when the metric was below 162 (10 % under target) in each of the last 6 windows
     *       (60 s sustain), fewer instances are wanted (never below min 1) and no 120 s scale-in
     *       cooldown runs; no stabilisation window;</li>
     *   <li>a decision is applied at once, so the next window's metric is per the new capacity.</li>
     * </ul>
     */
    private static List<Expected> derive(final TreeMap<Long, Integer> counts) {
        final List<Expected> decisions = new ArrayList<>();
        int capacity = 1;
        int outRun = 0;
        int inRun = 0;
        long outCooldownUntil = 0;
        long inCooldownUntil = 0;
        int lastOutTo = 0;
        for (final Map.Entry<Long, Integer> window : counts.entrySet()) {
            final long end = window.getKey() + WINDOW_MS;
            final int count = window.getValue();
            final double perInstance = count * 6.0 / capacity;
            outRun = perInstance > 180 ? outRun + 1 : 0;
            inRun = perInstance < 0.9 * 180 ? inRun + 1 : 0;
            final int wanted = (int) Math.ceil(count * 6.0 / 180 - 1e-9);
            if (outRun >= 3 && wanted > capacity) {
                final int to = Math.min(wanted, 10);
                if (end < outCooldownUntil && to <= lastOutTo) {
                    continue;
                }
                decisions.add(new Expected(end, capacity, to, String.format("%d requests in 10 s = %.0f/min/instance > 180 for 30 s",
                        count, perInstance)));
                capacity = to;
                lastOutTo = to;
                outCooldownUntil = end + 60_000;
                inCooldownUntil = 0;
            } else if (inRun >= 6 && Math.max(wanted, 1) < capacity && end >= inCooldownUntil) {
                final int to = Math.max(wanted, 1);
                decisions.add(new Expected(end, capacity, to, String.format("%d requests in 10 s = %.0f/min/instance < 162 for 60 s",
                        count, perInstance)));
                capacity = to;
                inCooldownUntil = end + 120_000;
            }
        }
        return decisions;
    }
}
