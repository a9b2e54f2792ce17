package io.streamscale.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Old and new producers share topics: each side reads what the other wrote. */
class SchemaEvolutionTest {

    /** RequestLog as a first release had it: no multi-model or token fields, no queue depth. */
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"RequestLog","namespace":"io.streamscale.schemas","fields":[
              {"name":"endpoint","type":"string"},
              {"name":"variant","type":"string","default":"AllTraffic"},
              {"name":"requestId","type":"string"},
              {"name":"timestamp","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"modelLatencyMicros","type":"long"},
              {"name":"overheadLatencyMicros","type":"long","default":0},
              {"name":"statusCode","type":"int","default":200}]}""");

    /** A future RequestLog with one field more than today's. */
    private static final Schema NEXT = new Schema.Parser().parse(RequestLog.getClassSchema().toString()
            .replace("\"fields\":[", "\"fields\":[{\"name\":\"region\",\"type\":\"string\",\"default\":\"us-east-1\"},"));

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("memory://evolution");

    @Test
    void recordWrittenWithAnOlderSchemaIsReadWithTheCurrentOne() throws IOException {
        final GenericRecord old = new GenericData.Record(V1);
        old.put("endpoint", "fraud-model");
        old.put("variant", "blue");
        old.put("requestId", "r-1");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("modelLatencyMicros", 8_000L);
        old.put("overheadLatencyMicros", 300L);
        old.put("statusCode", 503);
        final byte[] bytes = frame(registry.register("inference-logs-value", V1), old, V1);

        final RequestLog read = new SpecificAvroDeserializer<RequestLog>(RequestLog.getClassSchema(), registry)
                .deserialize("inference-logs", bytes);

        assertThat(read.getEndpoint()).isEqualTo("fraud-model");
        assertThat(read.getVariant()).isEqualTo("blue");
        assertThat(read.getStatusCode()).isEqualTo(503);
        assertThat(read.getTimestamp().toEpochMilli()).isEqualTo(1_700_000_000_000L);
        assertThat(read.getQueueDepth()).isNull();
        assertThat(read.getTargetModel()).isNull();
    }

    @Test
    void recordWrittenWithANewerSchemaIsReadByTodaysConsumer() throws IOException {
        final GenericRecord next = new GenericData.Record(NEXT);
        next.put("region", "eu-west-1");
        next.put("endpoint", "fraud-model");
        next.put("variant", "AllTraffic");
        next.put("requestId", "r-2");
        next.put("timestamp", 5L);
        next.put("modelLatencyMicros", 1L);
        next.put("overheadLatencyMicros", 0L);
        next.put("statusCode", 200);
        next.put("queueDepth", 3);
        final byte[] bytes = frame(registry.register("inference-logs-value", NEXT), next, NEXT);

        final RequestLog read = new SpecificAvroDeserializer<RequestLog>(RequestLog.getClassSchema(), registry)
                .deserialize("inference-logs", bytes);

        assertThat(read.getRequestId()).isEqualTo("r-2");
        assertThat(read.getQueueDepth()).isEqualTo(3);
    }

    @Test
    void recordWrittenTodayIsReadByAnOlderConsumer() throws IOException {
        final RequestLog today = RequestLog.newBuilder().setEndpoint("e").setRequestId("r-3")
                .setTimestamp(java.time.Instant.ofEpochMilli(9)).setModelLatencyMicros(4).setTargetModel("m").build();
        final byte[] bytes = new SpecificAvroSerializer<RequestLog>(RequestLog.getClassSchema(), registry, false)
                .serialize("inference-logs", today);

        final Schema writer = registry.schemaById(ByteBuffer.wrap(bytes, 1, 4).getInt());
        final GenericRecord read = new GenericDatumReader<GenericRecord>(writer, V1).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.get("requestId").toString()).isEqualTo("r-3");
        assertThat(read.getSchema().getField("targetModel")).isNull();
    }

    @Test
    void registryKeepsOneIdPerSchemaAndVersionsPerSubject() {
        final int v1 = registry.register("inference-logs-value", V1);
        final int current = registry.register("inference-logs-value", RequestLog.getClassSchema());

        assertThat(registry.register("inference-logs-value", V1)).isEqualTo(v1);
        assertThat(registry.register("other-topic-value", RequestLog.getClassSchema())).isEqualTo(current);
        assertThat(registry.versions("inference-logs-value")).extracting(InMemorySchemaRegistry.Registered::version)
                .containsExactly(1, 2);
    }

    @Test
    void backwardIncompatibleChangeIsRefused() {
        registry.register("s-value", V1);
        final Schema requiredNewField = new Schema.Parser().parse(V1.toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"region\",\"type\":\"string\"},"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.register("s-value", requiredNewField))
                .hasMessageContaining("incompatible");
    }

    private static byte[] frame(final int id, final GenericRecord record, final Schema schema) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        final var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
