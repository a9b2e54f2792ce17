package io.streamscale.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import io.streamscale.schemas.serde.SpecificAvroDeserializer;
import io.streamscale.schemas.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RequestLogNormaliserTest {

    private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mock://normaliser-test");
    private final RequestLogNormaliser normaliser = new RequestLogNormaliser(IngestConfig.DEFAULTS,
            new SpecificAvroDeserializer<>(RequestLog.getClassSchema(), registry));

    private static RequestLog log() {
        return RequestLog.newBuilder().setEndpoint("fraud-model").setRequestId("r-1").setTimestamp(Instant.ofEpochMilli(NOW - 500))
                .setModelLatencyMicros(9_000).build();
    }

    private byte[] avro(final RequestLog log) {
        return new SpecificAvroSerializer<RequestLog>(RequestLog.getClassSchema(), registry, false).serialize("inference-logs.raw", log);
    }

    private Verdict judge(final byte[] value) {
        return normaliser.normalise(value, NOW, "raw-0-1");
    }

    private Verdict judge(final String value) {
        return judge(value.getBytes(StandardCharsets.UTF_8));
    }

    private static ReasonCode reason(final Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        return ((Verdict.Rejected) verdict).reason();
    }

    @Test
    void confluentFramedAvroIsAccepted() {
        final Verdict verdict = judge(avro(log()));
        assertThat(verdict).isEqualTo(new Verdict.Accepted(log()));
    }

    @Test
    void jsonIsAcceptedEvenAfterWhitespaceAndAByteOrderMark() {
        final String json = "{\"endpoint\": \"fraud-model\", \"timestamp\": " + (NOW - 1) + ", \"latency_ms\": 3}";
        assertThat(judge(json).accepted()).isTrue();
        assertThat(judge("\n\t  " + json).accepted()).isTrue();
        assertThat(judge("\uFEFF" + json).accepted()).isTrue();
    }

    @Test
    void decodedRecordsStillFaceTheRules() {
        final RequestLog bad = log();
        bad.setEndpoint("not_a_name");
        assertThat(reason(judge(avro(bad)))).isEqualTo(ReasonCode.INVALID_ENDPOINT_NAME);
        assertThat(reason(judge("{\"endpoint\": \"e\", \"timestamp\": " + NOW + ", \"latency_ms\": -3}"))).isEqualTo(ReasonCode.NEGATIVE_LATENCY);
    }

    @Test
    void emptyAndBlankValuesAreEmptyPayloads() {
        assertThat(reason(judge((byte[]) null))).isEqualTo(ReasonCode.EMPTY_PAYLOAD);
        assertThat(reason(judge(new byte[0]))).isEqualTo(ReasonCode.EMPTY_PAYLOAD);
        assertThat(reason(judge(" \r\n\t"))).isEqualTo(ReasonCode.EMPTY_PAYLOAD);
    }

    @Test
    void oversizedValuesAreRejectedBeforeParsing() {
        final byte[] huge = new byte[IngestConfig.DEFAULTS.maxPayloadBytes() + 1];
        Arrays.fill(huge, (byte) '{');
        final Verdict verdict = judge(huge);
        assertThat(reason(verdict)).isEqualTo(ReasonCode.OVERSIZED_PAYLOAD);
        assertThat(((Verdict.Rejected) verdict).message()).contains(IngestConfig.PAYLOAD_MAX_BYTES);
    }

    @Test
    void bytesThatAreNeitherFramedNorJsonHaveAnUnknownEncoding() {
        final byte[] wrongMagic = avro(log());
        wrongMagic[0] = 1;
        assertThat(reason(judge(wrongMagic))).isEqualTo(ReasonCode.UNKNOWN_ENCODING);
        assertThat(((Verdict.Rejected) judge(wrongMagic)).message()).contains("0x01");
        assertThat(reason(judge(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))).isEqualTo(ReasonCode.UNKNOWN_ENCODING);
        assertThat(reason(judge("endpoint=fraud-model latency=3"))).isEqualTo(ReasonCode.UNKNOWN_ENCODING);
    }

    @Test
    void truncatedFramesAreTruncated() {
        final byte[] framed = avro(log());
        assertThat(reason(judge(Arrays.copyOf(framed, 3)))).isEqualTo(ReasonCode.AVRO_TRUNCATED);
        assertThat(reason(judge(Arrays.copyOf(framed, framed.length - 4)))).isEqualTo(ReasonCode.AVRO_TRUNCATED);
    }

    @Test
    void unknownSchemaIdsAreNamed() {
        final byte[] framed = avro(log());
        framed[1] = 0x7f;
        final Verdict verdict = judge(framed);
        assertThat(reason(verdict)).isEqualTo(ReasonCode.AVRO_UNKNOWN_SCHEMA);
        assertThat(((Verdict.Rejected) verdict).message()).contains("Unknown schema id");
    }

    @Test
    void framesOfAnotherRecordTypeAreIncompatible() {
        final Schema other = EndpointSignals.getClassSchema();
        final int id = registry.register("scaling-signals-value", other);
        final byte[] framed = {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id, 2, 'e'};
        assertThat(reason(judge(framed))).isEqualTo(ReasonCode.AVRO_INCOMPATIBLE_SCHEMA);
    }

    @Test
    void framesWithGarbageOrLeftoverBytesAreMalformed() {
        final byte[] framed = avro(log());
        final byte[] longer = Arrays.copyOf(framed, framed.length + 3);
        assertThat(reason(judge(longer))).isEqualTo(ReasonCode.AVRO_MALFORMED);
        final byte[] garbage = Arrays.copyOf(framed, framed.length);
        garbage[5] = (byte) 0x81; // a negative string length for the endpoint
        assertThat(reason(judge(garbage))).isIn(ReasonCode.AVRO_MALFORMED, ReasonCode.AVRO_TRUNCATED);
    }

    @Test
    void registryFailuresAreToldApartFromBadData() {
        assertThat(RequestLogNormaliser.avroReason("Cannot fetch schema id 3 from http://r: timeout"))
                .isEqualTo(ReasonCode.SCHEMA_REGISTRY_UNAVAILABLE);
        assertThat(RequestLogNormaliser.avroReason("Unknown schema id 3 at mock://x")).isEqualTo(ReasonCode.AVRO_UNKNOWN_SCHEMA);
        assertThat(RequestLogNormaliser.avroReason("Malformed Avro data for schema id 3")).isEqualTo(ReasonCode.AVRO_MALFORMED);
    }
}
