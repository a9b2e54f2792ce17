package io.streamscale.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.Constraint;
import io.streamscale.schemas.ConstraintKind;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void unionsAreTheirValueAndTimesAreEpochMillis() {
        final RequestLog log = RequestLog.newBuilder().setEndpoint("e").setRequestId("r")
                .setTimestamp(Instant.ofEpochMilli(1_700_000_000_123L)).setModelLatencyMicros(5).setQueueDepth(7).build();

        assertThat(RecordJson.toLine(log)).isEqualTo("{\"endpoint\":\"e\",\"variant\":\"AllTraffic\",\"requestId\":\"r\","
                + "\"timestamp\":1700000000123,\"modelLatencyMicros\":5,\"overheadLatencyMicros\":0,\"statusCode\":200,"
                + "\"queueDepth\":7,\"targetModel\":null,\"inputTokens\":null,\"outputTokens\":null}");
    }

    @Test
    void nestedRecordsEnumsAndMapsArePlainJson() {
        final ScalingDecision decision = ScalingDecision.newBuilder().setDecisionId("d1").setEndpoint("e")
                .setDecidedAt(Instant.ofEpochMilli(10)).setFrom(2).setTo(4).setDirection(Direction.SCALE_OUT)
                .setPolicy("targetTracking[0]").setReason("why")
                .setConstraints(List.of(new Constraint(ConstraintKind.MAX_CAPACITY, 5, 4, "max 4")))
                .setSignals(Map.of("p95LatencyMs", Double.NaN)).build();

        final var json = RecordJson.toJson(decision);

        assertThat(json.get("direction").asText()).isEqualTo("SCALE_OUT");
        assertThat(json.get("constraints").get(0).get("kind").asText()).isEqualTo("MAX_CAPACITY");
        assertThat(json.get("signals").get("p95LatencyMs").isNull()).isTrue();
        assertThat(json.get("decidedAt").asLong()).isEqualTo(10L);
    }
}
