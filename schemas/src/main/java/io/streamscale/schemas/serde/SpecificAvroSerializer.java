package io.streamscale.schemas.serde;

import io.streamscale.schemas.registry.SchemaRegistries;
import io.streamscale.schemas.registry.SchemaRegistry;
import io.streamscale.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record in Confluent's wire format, registering its schema under
 * {@code <topic>-value} (or {@code <topic>-key}) on first use: byte for byte what Confluent's
 * {@code KafkaAvroSerializer} writes with the default subject name strategy.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private SchemaRegistry registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<String, Integer> idsByTopic = new java.util.concurrent.ConcurrentHashMap<>();

    public SpecificAvroSerializer(final Schema schema) {
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema);
    }

    /** Ready to use without {@link #configure}: for tests and for code that already has a registry. */
    public SpecificAvroSerializer(final Schema schema, final SchemaRegistry registry, final boolean isKey) {
        this(schema);
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.registry = SchemaRegistries.forUrl(AvroSerdeConfig.registryUrl(configs));
        this.autoRegister = AvroSerdeConfig.autoRegister(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("Avro serializer used before configure(): set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        final int id = idsByTopic.computeIfAbsent(topic, this::schemaId);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(new byte[WireFormat.HEADER_SIZE], 0, WireFormat.HEADER_SIZE);
        try {
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        final byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, id);
        return bytes;
    }

    private int schemaId(final String topic) {
        final String subject = topic + (isKey ? "-key" : "-value");
        try {
            return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for subject " + subject + " at "
                    + registry.location() + ": " + e.getMessage(), e);
        }
    }
}
