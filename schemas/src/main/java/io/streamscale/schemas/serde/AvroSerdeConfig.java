package io.streamscale.schemas.serde;

import java.util.Map;

/** Configuration keys of the Avro serdes, named as Confluent's so existing client configs work unchanged. */
public final class AvroSerdeConfig {
    /** Base URL of a Confluent-API schema registry, or {@code mock://scope} for an in-memory one. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register the writer schema when it is not yet registered (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private AvroSerdeConfig() {
    }

    static String registryUrl(final Map<String, ?> configs) {
        final Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new org.apache.kafka.common.config.ConfigException(SCHEMA_REGISTRY_URL, url,
                    "required by the Avro serdes (http(s)://host:port or mock://scope)");
        }
        return url.toString();
    }

    static boolean autoRegister(final Map<String, ?> configs) {
        final Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }
}
