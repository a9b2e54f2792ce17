package io.streamscale.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@code schema.registry.url} into a client. {@code mock://scope} gives the in-memory
 * registry of that scope (as Confluent's serdes do, for tests without a server); anything else is
 * a REST registry. Clients are shared per URL so every serde in a JVM shares one cache.
 */
public final class SchemaRegistries {

    private static final Map<String, SchemaRegistry> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    public static SchemaRegistry forUrl(final String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is not set");
        }
        // Confluent accepts a comma-separated list; the first reachable one serves. We use the first.
        final String first = url.split(",")[0].trim();
        if (first.startsWith("mock://")) {
            return InMemorySchemaRegistry.forScope(first.substring("mock://".length()));
        }
        if (!first.startsWith("http://") && !first.startsWith("https://")) {
            throw new IllegalArgumentException("schema.registry.url must start with http://, https:// or mock://, got '" + first + "'");
        }
        return CLIENTS.computeIfAbsent(first, RestSchemaRegistry::new);
    }
}
