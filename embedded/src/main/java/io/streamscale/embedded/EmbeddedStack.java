package io.streamscale.embedded;

import io.streamscale.schemas.Topics;
import io.streamscale.schemas.serde.AvroSerdeConfig;
import java.util.Map;

/**
 * The embedded default: a real Kafka broker and a Confluent-API schema registry in this JVM, with
 * StreamScale's topics created on demand. What {@code streamscale demo} runs on, and what every
 * integration test starts with one line.
 */
public final class EmbeddedStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry schemaRegistry;

    private EmbeddedStack(final EmbeddedKafka kafka, final EmbeddedSchemaRegistry schemaRegistry) {
        this.kafka = kafka;
        this.schemaRegistry = schemaRegistry;
    }

    public static EmbeddedStack start() {
        final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start();
        try {
            return new EmbeddedStack(EmbeddedKafka.start(), registry);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedSchemaRegistry schemaRegistry() {
        return schemaRegistry;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return schemaRegistry.url();
    }

    /** The serde configuration pointing at this stack's registry. */
    public Map<String, Object> serdeConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistry.url());
    }

    /** StreamScale's topics behind {@code prefix}, with serdes wired to this registry. */
    public Topics topics(final String prefix) {
        return new Topics(prefix, serdeConfig());
    }

    /**
     * Creates every StreamScale topic behind {@code prefix}, compacted where the contract says so.
     *
     * @return the topics, ready to use
     */
    public Topics createTopics(final String prefix, final int partitions) {
        final Topics topics = topics(prefix);
        for (final String name : topics.allNames()) {
            if (topics.isCompacted(name)) {
                kafka.createCompactedTopic(name, partitions);
            } else {
                kafka.createTopic(name, partitions);
            }
        }
        return topics;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            schemaRegistry.close();
        }
    }
}
