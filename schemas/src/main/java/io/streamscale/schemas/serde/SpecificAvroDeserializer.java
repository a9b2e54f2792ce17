package io.streamscale.schemas.serde;

import io.streamscale.schemas.registry.SchemaRegistries;
import io.streamscale.schemas.registry.SchemaRegistry;
import io.streamscale.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a generated class. The writer schema is fetched by the id in the
 * frame and resolved against the generated class's schema, so records written by older and newer
 * producers both decode. Anything that is not a valid frame raises a {@link SerializationException}
 * saying exactly what is wrong, so callers can route it to a dead-letter topic.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private SchemaRegistry registry;

    public SpecificAvroDeserializer(final Schema readerSchema) {
        this.readerSchema = readerSchema;
    }

    public SpecificAvroDeserializer(final Schema readerSchema, final SchemaRegistry registry) {
        this(readerSchema);
        this.registry = registry;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.registry = SchemaRegistries.forUrl(AvroSerdeConfig.registryUrl(configs));
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new SerializationException("Avro deserializer used before configure(): set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        if (data.length == 0) {
            throw new SerializationException("Empty payload: 0 bytes, expected a magic byte, a 4-byte schema id and Avro data");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x (expected 0x00): not Confluent-framed Avro", data[0] & 0xff));
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Truncated header: " + data.length
                    + " bytes, need 5 for the magic byte and the schema id");
        }
        final int schemaId = WireFormat.readSchemaId(data);
        final SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(schemaId, this::readerFor);
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
        final T record;
        try {
            record = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new SerializationException("Truncated Avro payload: " + (data.length - WireFormat.HEADER_SIZE)
                    + " bytes of data end before the record of schema id " + schemaId + " is complete");
        } catch (IOException | AvroRuntimeException | ClassCastException | IndexOutOfBoundsException
                 | NegativeArraySizeException | OutOfMemoryError e) {
            // Avro signals garbage through several exception types (negative lengths, bad union
            // indexes, bad enum ordinals, huge lengths); all mean the data does not match the schema.
            throw new SerializationException("Malformed Avro data for schema id " + schemaId + ": " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new SerializationException("Malformed Avro data for schema id " + schemaId
                        + ": bytes left over after the record ends");
            }
        } catch (IOException e) {
            throw new SerializationException("Malformed Avro data for schema id " + schemaId + ": " + e, e);
        }
        return record;
    }

    private SpecificDatumReader<T> readerFor(final int schemaId) {
        final Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + schemaId + " at " + registry.location(), e);
            }
            throw new SerializationException("Cannot fetch schema id " + schemaId + " from " + registry.location() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SerializationException("Schema id " + schemaId + " at " + registry.location() + " is not a valid Avro schema: " + e.getMessage(), e);
        }
        final SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Schema id " + schemaId + " (" + writerSchema.getFullName()
                    + ") cannot be read as " + readerSchema.getFullName() + ": " + compatibility.getDescription());
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema);
    }
}
