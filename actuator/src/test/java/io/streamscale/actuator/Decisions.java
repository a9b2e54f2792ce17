package io.streamscale.actuator;

import io.streamscale.schemas.Direction;
import io.streamscale.schemas.ScalingDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Decisions as the decision topology writes them, for tests. */
final class Decisions {

    private Decisions() {
    }

    static ScalingDecision decision(final String id, final String endpoint, final Instant decidedAt, final int from,
            final int to) {
        return ScalingDecision.newBuilder()
                .setDecisionId(id)
                .setEndpoint(endpoint)
                .setVariant("AllTraffic")
                .setDecidedAt(decidedAt)
                .setFrom(from)
                .setTo(to)
                .setDirection(to >= from ? Direction.SCALE_OUT : Direction.SCALE_IN)
                .setPolicy("targetTracking[0] p95LatencyMs")
                .setConstraints(List.of())
                .setReason("p95LatencyMs 412 > target 300 for 30 s")
                .setSignals(Map.of("p95LatencyMs", 412.0, "rps", 180.0))
                .setDryRun(false)
                .setBackend(null)
                .build();
    }
}
