package io.streamscale.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * summary.json of a demo or backtest run: records accepted and rejected by reason, decisions by
 * direction, actuator outcomes, and per endpoint variant its windows, capacity-hours (instances
 * in force × window length, summed) and the windows whose p95 exceeded the policy's p95 target.
 */
public final class RunSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSummary() {
    }

    /**
     * The p95 target of a policy: its target-tracking rule on p95LatencyMs, else the threshold of a
     * step-scaling rule that scales out when p95LatencyMs rises above it.
     */
    public static Optional<Double> p95Target(final ScalingPolicy policy) {
        if (policy == null) {
            return Optional.empty();
        }
        final Optional<Double> tracked = policy.getTargetTracking().stream().filter(r -> "p95LatencyMs".equals(r.getMetric()))
                .map(TargetTrackingRule::getTargetValue).findFirst();
        if (tracked.isPresent()) {
            return tracked;
        }
        return policy.getStepScaling().stream()
                .filter(r -> "p95LatencyMs".equals(r.getMetric()) && r.getComparison().name().startsWith("GreaterThan"))
                .map(StepScalingRule::getThreshold).findFirst();
    }

    /**
     * @param accepted      records ingest accepted (backtest: records read)
     * @param rejected      rejected records by reason code
     * @param signals       the variants' windows (per-model windows are left out by the caller)
     * @param actions       actuator outcomes, or null when no actuator ran (backtest)
     * @param policies      policies by endpoint/variant key
     */
    public static ObjectNode of(final long accepted, final Map<String, Long> rejected, final List<EndpointSignals> signals,
                                final List<ScalingDecision> decisions, final List<ScalingAction> actions,
                                final Map<String, ScalingPolicy> policies) {
        final ObjectNode summary = JSON.createObjectNode();
        final ObjectNode ingest = summary.putObject("ingest");
        ingest.put("accepted", accepted);
        final ObjectNode rejectedNode = ingest.putObject("rejected");
        new TreeMap<>(rejected).forEach(rejectedNode::put);

        final ObjectNode decisionsNode = summary.putObject("decisions");
        decisionsNode.put("scaleOut", decisions.stream().filter(d -> d.getDirection() == Direction.SCALE_OUT).count());
        decisionsNode.put("scaleIn", decisions.stream().filter(d -> d.getDirection() == Direction.SCALE_IN).count());

        if (actions != null) {
            final ObjectNode actionsNode = summary.putObject("actions");
            final Map<String, Long> outcomes = new TreeMap<>();
            actions.forEach(a -> outcomes.merge(a.getOutcome().name(), 1L, Long::sum));
            outcomes.forEach(actionsNode::put);
        }

        final ObjectNode endpoints = summary.putObject("endpoints");
        final Map<String, List<EndpointSignals>> byKey = new TreeMap<>();
        signals.forEach(s -> byKey.computeIfAbsent(EndpointKey.of(s.getEndpoint(), s.getVariant()), k -> new java.util.ArrayList<>()).add(s));
        byKey.forEach((key, windows) -> {
            final ObjectNode node = endpoints.putObject(key);
            final Optional<Double> target = p95Target(policies.get(key));
            double capacityHours = 0;
            long requests = 0;
            long breaches = 0;
            for (final EndpointSignals window : windows) {
                final long millis = window.getWindowEnd().toEpochMilli() - window.getWindowStart().toEpochMilli();
                capacityHours += window.getCapacity() * millis / 3_600_000.0;
                requests += window.getCount();
                if (target.isPresent() && window.getCount() > 0 && window.getP95LatencyMs() > target.get()) {
                    breaches++;
                }
            }
            node.put("windows", windows.size());
            node.put("requests", requests);
            node.put("capacityHours", Math.round(capacityHours * 1000) / 1000.0);
            target.ifPresent(t -> node.put("p95TargetMs", t));
            node.put("windowsP95AboveTarget", breaches);
            final String endpointKey = key;
            node.put("scaleOut", decisions.stream().filter(d -> EndpointKey.of(d.getEndpoint(), d.getVariant()).equals(endpointKey)
                    && d.getDirection() == Direction.SCALE_OUT).count());
            node.put("scaleIn", decisions.stream().filter(d -> EndpointKey.of(d.getEndpoint(), d.getVariant()).equals(endpointKey)
                    && d.getDirection() == Direction.SCALE_IN).count());
        });
        return summary;
    }
}
