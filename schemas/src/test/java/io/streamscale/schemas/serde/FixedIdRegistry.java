package io.streamscale.schemas.serde;

import io.streamscale.schemas.registry.SchemaRegistry;
import io.streamscale.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.avro.Schema;

/** A registry that knows exactly the schemas it is given, under fixed ids: pins ids in byte-level tests. */
final class FixedIdRegistry implements SchemaRegistry {
    private final Map<Integer, Schema> schemas;

    FixedIdRegistry(final Map<Integer, Schema> schemas) {
        this.schemas = schemas;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return idOf(subject, schema);
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        return schemas.entrySet().stream().filter(e -> e.getValue().equals(schema)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "not found"));
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public String location() {
        return "fixed://test";
    }
}
