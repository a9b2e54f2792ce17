package io.streamscale.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes on the wire are Confluent's, exactly: any Confluent consumer must read what we write. */
class WireFormatTest {

    private static final RequestLog RECORD = RequestLog.newBuilder()
            .setEndpoint("fraud-model").setVariant("AllTraffic").setRequestId("req-1")
            .setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L))
            .setModelLatencyMicros(12_000).setOverheadLatencyMicros(500).setStatusCode(200)
            .setTargetModel("m1").setQueueDepth(null).setInputTokens(0).setOutputTokens(0).build();

    /**
     * Magic byte 00, schema id 42 as 0000002a, then Avro binary: zig-zag varint lengths before
     * strings (16 = 11 chars of "fraud-model"), zig-zag varint longs, union branch indexes
     * (00 for null, 02 for the second branch).
     */
    private static final String EXPECTED_HEX = "00" + "0000002a"
            + "16" + "6672617564" + "2d6d6f64656c"            // "fraud-model"
            + "14" + "416c6c54726166666963"                  // "AllTraffic"
            + "0a" + "7265712d31"                            // "req-1"
            + "80a0abfef962"                                 // timestamp 1700000000000
            + "c0bb01" + "e807" + "9003"                     // 12000, 500, 200
            + "00"                                           // queueDepth: null
            + "02" + "04" + "6d31"                           // targetModel: "m1"
            + "0200" + "0200";                               // inputTokens 0, outputTokens 0

    @Test
    void serializerWritesMagicByteSchemaIdAndAvroBinary() {
        final var serializer = new SpecificAvroSerializer<RequestLog>(RequestLog.getClassSchema(),
                new FixedIdRegistry(Map.of(42, RequestLog.getClassSchema())), false);

        assertThat(HexFormat.of().formatHex(serializer.serialize("inference-logs", RECORD))).isEqualTo(EXPECTED_HEX);
    }

    @Test
    void deserializerReadsTheSameBytesBack() {
        final var deserializer = new SpecificAvroDeserializer<RequestLog>(RequestLog.getClassSchema(),
                new FixedIdRegistry(Map.of(42, RequestLog.getClassSchema())));

        assertThat(deserializer.deserialize("inference-logs", HexFormat.of().parseHex(EXPECTED_HEX))).isEqualTo(RECORD);
    }

    @Test
    void nullIsATombstoneBothWays() {
        final var serde = new SpecificAvroSerde<RequestLog>(RequestLog.getClassSchema(),
                new FixedIdRegistry(Map.of(42, RequestLog.getClassSchema())), false);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void framingIsRecognisedCheaply() {
        assertThat(WireFormat.looksFramed(HexFormat.of().parseHex(EXPECTED_HEX))).isTrue();
        assertThat(WireFormat.looksFramed("{\"endpoint\":1}".getBytes())).isFalse();
        assertThat(WireFormat.looksFramed(new byte[] {0, 0})).isFalse();
    }
}
