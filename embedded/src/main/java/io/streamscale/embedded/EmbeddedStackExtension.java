package io.streamscale.embedded;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 access to the embedded default in one line:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();
 * }</pre>
 *
 * One broker and one registry are started for the whole test run (the first test class that needs
 * them pays about three seconds) and closed when the run ends; tests stay apart by using their own
 * topic prefix ({@link #uniquePrefix()}). {@link #dedicated()} gives a class its own stack instead,
 * for tests that must stop the broker. Topics are never created automatically.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedStackExtension.class);

    private final boolean dedicated;
    private EmbeddedStack stack;

    public EmbeddedStackExtension() {
        this(false);
    }

    private EmbeddedStackExtension(final boolean dedicated) {
        this.dedicated = dedicated;
    }

    /** A stack of this test class's own, closed after the class. */
    public static EmbeddedStackExtension dedicated() {
        return new EmbeddedStackExtension(true);
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        final ExtensionContext owner = dedicated ? context : context.getRoot();
        stack = owner.getStore(NAMESPACE).getOrComputeIfAbsent("stack",
                key -> new ClosableStack(EmbeddedStack.start()), ClosableStack.class).stack();
    }

    public EmbeddedStack stack() {
        if (stack == null) {
            throw new IllegalStateException("EmbeddedStackExtension must be a static @RegisterExtension field");
        }
        return stack;
    }

    public String bootstrapServers() {
        return stack().bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack().schemaRegistryUrl();
    }

    public Map<String, Object> serdeConfig() {
        return stack().serdeConfig();
    }

    /** A topic prefix no other test uses, e.g. {@code t3f9a1c2.}. */
    public static String uniquePrefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /** Producer settings for this broker: idempotent, acks=all. */
    public Properties producerProps() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** Consumer settings that read committed data from the beginning, in a new group. */
    public Properties consumerProps() {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * Kafka Streams settings for this broker: exactly-once v2, a fresh state directory, a short commit
     * interval so tests see output quickly.
     */
    public Properties streamsProps(final String applicationId) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, tempStateDir());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(serdeConfig());
        return props;
    }

    private static String tempStateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("streamscale-streams").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a temporary state directory", e);
        }
    }

    /** Closed by JUnit when its store is closed: at the end of the run (shared) or of the class (dedicated). */
    private record ClosableStack(EmbeddedStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}
