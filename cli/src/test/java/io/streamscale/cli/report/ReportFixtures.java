package io.streamscale.cli.report;

import io.streamscale.schemas.Direction;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ramp of traffic on one endpoint and the two decisions it caused: report input for tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static List<EndpointSignals> ramp(final String endpoint, final int windows) {
        final List<EndpointSignals> signals = new ArrayList<>();
        final long start = 1_700_000_000_000L;
        for (int i = 0; i < windows; i++) {
            final double rps = 5 + i;
            signals.add(EndpointSignals.newBuilder().setEndpoint(endpoint).setVariant("AllTraffic")
                    .setWindowStart(Instant.ofEpochMilli(start + i * 10_000L)).setWindowEnd(Instant.ofEpochMilli(start + (i + 1) * 10_000L))
                    .setCount((long) (rps * 10)).setRps(rps).setErrorRate(0).setP50LatencyMs(80 + i).setP90LatencyMs(150 + 3 * i)
                    .setP95LatencyMs(200 + 5 * i).setP99LatencyMs(300 + 8 * i).setMaxLatencyMs(400 + 9 * i).setMeanLatencyMs(100 + i)
                    .setConcurrencyMean(rps * 0.1).setConcurrencyMax(rps * 0.2).setQueueDepthMax(i).setQueueDepthMean(i / 2.0)
                    .setCapacity(i < windows / 2 ? 2 : 4).setInvocationsPerInstance(rps * 60 / 2).setRpsSlope(1.0)
                    .setRpsForecast(rps + 3).setForecastHorizonMs(30_000).setLateRecords(0)
                    .setLatencyHistogram(ByteBuffer.wrap(new byte[] {1, 2, 3})).build());
        }
        return signals;
    }

    static ScalingDecision decision(final String endpoint, final long at, final int from, final int to, final String reason) {
        return ScalingDecision.newBuilder().setDecisionId(endpoint + "-" + at).setEndpoint(endpoint)
                .setDecidedAt(Instant.ofEpochMilli(at)).setFrom(from).setTo(to)
                .setDirection(to > from ? Direction.SCALE_OUT : Direction.SCALE_IN).setPolicy("targetTracking[0]")
                .setReason(reason).setSignals(Map.of("p95LatencyMs", 412.0)).build();
    }
}
