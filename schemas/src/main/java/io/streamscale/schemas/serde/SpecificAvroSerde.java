package io.streamscale.schemas.serde;

import io.streamscale.schemas.registry.SchemaRegistry;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serializer and deserializer of one generated Avro class in Confluent's wire format. */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    public SpecificAvroSerde(final Schema schema) {
        this.serializer = new SpecificAvroSerializer<>(schema);
        this.deserializer = new SpecificAvroDeserializer<>(schema);
    }

    public SpecificAvroSerde(final Schema schema, final SchemaRegistry registry, final boolean isKey) {
        this.serializer = new SpecificAvroSerializer<>(schema, registry, isKey);
        this.deserializer = new SpecificAvroDeserializer<>(schema, registry);
    }

    /** A value serde configured with {@code schema.registry.url} and friends. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> forValues(final Schema schema, final Map<String, ?> config) {
        final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(schema);
        serde.configure(config, false);
        return serde;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
