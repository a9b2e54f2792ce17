package io.streamscale.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.Outcome;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingDecision;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatchTableTest {

    static EndpointSignals window(final String endpoint, final long end, final double rps, final double p95, final Integer queue) {
        return EndpointSignals.newBuilder().setEndpoint(endpoint).setVariant("AllTraffic")
                .setWindowStart(Instant.ofEpochMilli(end - 10_000)).setWindowEnd(Instant.ofEpochMilli(end))
                .setCount((long) (rps * 10)).setRps(rps).setErrorRate(0).setP50LatencyMs(p95 / 2).setP90LatencyMs(p95)
                .setP95LatencyMs(p95).setP99LatencyMs(p95).setMaxLatencyMs(p95).setMeanLatencyMs(p95 / 2)
                .setConcurrencyMean(1).setConcurrencyMax(2).setQueueDepthMax(queue).setCapacity(2)
                .setInvocationsPerInstance(rps * 30).setRpsSlope(0).setRpsForecast(rps)
                .setLatencyHistogram(ByteBuffer.allocate(0)).build();
    }

    static ScalingDecision decision(final String endpoint, final long at, final int from, final int to, final String reason) {
        return ScalingDecision.newBuilder().setDecisionId(endpoint + at).setEndpoint(endpoint).setDecidedAt(Instant.ofEpochMilli(at))
                .setFrom(from).setTo(to).setDirection(to > from ? Direction.SCALE_OUT : Direction.SCALE_IN)
                .setPolicy("targetTracking[0]").setReason(reason).build();
    }

    @Test
    void oneRowPerEndpointWithLatestWindowCapacityAndDecision() {
        final WatchTable table = new WatchTable();
        table.onSignals(window("fraud-model", 1_700_000_020_000L, 42.5, 412, 7));
        table.onSignals(window("fraud-model", 1_700_000_010_000L, 10, 100, 1)); // older window arrives late: ignored
        table.onSignals(window("chat", 1_700_000_020_000L, 3, 90, null));
        table.onDecision(decision("fraud-model", 1_700_000_020_000L, 2, 4, "p95 412 ms > 300 ms for 30 s"));
        table.onCapacity(CapacityState.newBuilder().setEndpoint("fraud-model").setCurrentCapacity(2).setDesiredCapacity(4)
                .setUpdatedAt(Instant.ofEpochMilli(1)).build());
        table.onAction(ScalingAction.newBuilder().setDecisionId("fraud-model1700000020000").setEndpoint("fraud-model")
                .setOutcome(Outcome.DRY_RUN).setFrom(2).setTo(4).setAt(Instant.ofEpochMilli(1)).build());

        final String[] lines = table.render(200).split("\n");

        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("ENDPOINT/VARIANT");
        assertThat(lines[1]).startsWith("chat/AllTraffic").contains("3.0", "90", " - ");
        assertThat(lines[2]).startsWith("fraud-model/AllTraffic")
                .contains("42.5", "412", "7", "2→4", "22:13:40 2→4 [DRY_RUN] p95 412 ms > 300 ms for 30 s");
    }

    @Test
    void linesAreCutToTheWidth() {
        final WatchTable table = new WatchTable();
        table.onDecision(decision("e", 0, 1, 2, "x".repeat(300)));

        assertThat(table.render(80).lines()).allMatch(line -> line.length() <= 80);
    }

    @Test
    void saysSoWhenNothingWasSeen() {
        assertThat(new WatchTable().render(80)).contains("(no endpoint seen yet)");
    }
}
