package io.streamscale.embedded;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker and controller node) running inside
 * this JVM, built from Kafka's own {@code kafka-test-common-runtime} artifact. It listens on a free
 * loopback port, keeps its log in a temporary folder that is deleted on close, and is configured so
 * transactions and exactly-once v2 work on a single node.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Settings a one-node cluster needs: Kafka's defaults assume three replicas for internal topics. */
    public static final Map<String, Object> SINGLE_NODE_DEFAULTS = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "4",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "4",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            // Topics are created on purpose, with their partitions and cleanup policy, never by a typo.
            "auto.create.topics.enable", "false");

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private EmbeddedKafka(final KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        final Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        this.admin = Admin.create(adminProps);
    }

    /** Starts a broker with {@link #SINGLE_NODE_DEFAULTS}; returns once it accepts clients. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /** Starts a broker with {@link #SINGLE_NODE_DEFAULTS} overridden by {@code brokerConfig}. */
    public static EmbeddedKafka start(final Map<String, Object> brokerConfig) {
        final long started = System.nanoTime();
        final Map<String, Object> config = new LinkedHashMap<>(SINGLE_NODE_DEFAULTS);
        config.putAll(brokerConfig);
        KafkaClusterTestKit cluster = null;
        try {
            final KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
            config.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Embedded Kafka broker did not start: " + e.getMessage(), e);
        }
        LOG.info("Embedded Kafka broker ready at {} in {} ms", cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** An admin client owned by this broker (closed with it); do not close it yourself. */
    public Admin admin() {
        return admin;
    }

    /** Creates a topic unless it exists. */
    public void createTopic(final String name, final int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /** Creates a compacted topic (latest value per key), unless it exists. */
    public void createCompactedTopic(final String name, final int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    /** Creates the topics that do not exist yet and waits until they do. */
    public void createTopics(final Collection<NewTopic> topics) {
        try {
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause(), e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot create topic " + name + ": " + e, e);
                }
            });
        } catch (RuntimeException e) {
            throw e;
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
        closeQuietly(cluster);
    }

    private static void closeQuietly(final KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Embedded Kafka broker did not close cleanly: {}", e.toString());
        }
    }
}
