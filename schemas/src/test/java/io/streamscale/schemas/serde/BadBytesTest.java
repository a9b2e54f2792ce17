package io.streamscale.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Every way bytes can fail to be a record ends in a SerializationException that says which. */
class BadBytesTest {

    private final FixedIdRegistry registry = new FixedIdRegistry(Map.of(
            1, RequestLog.getClassSchema(),
            7, new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}")));
    private final SpecificAvroDeserializer<RequestLog> deserializer =
            new SpecificAvroDeserializer<>(RequestLog.getClassSchema(), registry);
    private final byte[] valid = new SpecificAvroSerializer<RequestLog>(RequestLog.getClassSchema(), registry, false)
            .serialize("t", RequestLog.newBuilder().setEndpoint("e").setRequestId("r")
                    .setTimestamp(Instant.ofEpochMilli(1)).setModelLatencyMicros(5).build());

    @Test
    void emptyPayload() {
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Empty payload");
    }

    @Test
    void wrongMagicByte() {
        final byte[] json = "{\"endpoint\":\"e\"}".getBytes();
        assertThatThrownBy(() -> deserializer.deserialize("t", json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown magic byte 0x7b");
    }

    @Test
    void headerShorterThanFiveBytes() {
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Truncated header: 3 bytes");
    }

    @Test
    void unknownSchemaId() {
        final byte[] bytes = valid.clone();
        bytes[4] = 99;
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Unknown schema id 99 at fixed://test");
    }

    @Test
    void truncatedAvroPayload() {
        final byte[] bytes = Arrays.copyOf(valid, valid.length - 3);
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Truncated Avro payload");
    }

    @Test
    void trailingBytesAfterTheRecord() {
        final byte[] bytes = Arrays.copyOf(valid, valid.length + 2);
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("bytes left over");
    }

    @Test
    void garbageAfterAValidHeader() {
        final byte[] bytes = {0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x0f, 1, 2};
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageMatching("(Malformed|Truncated) Avro .*");
    }

    @Test
    void writerSchemaThatCannotBeReadAsARequestLog() {
        final byte[] bytes = {0, 0, 0, 0, 7, 2};
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Schema id 7 (Other) cannot be read as io.streamscale.schemas.RequestLog");
    }

    @Test
    void deserializerWithoutRegistryUrlFailsAtConfigure() {
        final var unconfigured = new SpecificAvroDeserializer<RequestLog>(RequestLog.getClassSchema());
        assertThatThrownBy(() -> unconfigured.configure(Map.of(), false))
                .hasMessageContaining("schema.registry.url");
    }
}
