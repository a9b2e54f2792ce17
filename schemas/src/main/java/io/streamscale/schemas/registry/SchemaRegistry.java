package io.streamscale.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that the serdes need: register a schema under a
 * subject and get its global id, and fetch a writer schema by id.
 *
 * <p>Implementations cache in both directions, so a serde asks the registry once per schema, not
 * once per record.
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} under {@code subject} without registering it. */
    int idOf(String subject, Schema schema);

    /** Returns the schema registered with global {@code id}. */
    Schema schemaById(int id);

    /** Where this registry lives, for error messages. */
    String location();
}
