package io.streamscale.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Every setting of a StreamScale service, in one typed definition: names, types, defaults,
 * validators and documentation come from {@link #CONFIG_DEF}, and docs/CONFIGURATION.md is
 * generated from it. Values come from a properties file, then {@code STREAMSCALE_*} environment
 * variables, then command-line options ({@link ConfigLoader}); a bad value stops start-up with a
 * message naming the key. Keys starting with {@code kafka.} are passed to every Kafka client
 * without the prefix (for security settings and tuning).
 */
public final class StreamScaleConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String APPLICATION_ID_PREFIX = "application.id.prefix";
    public static final String STATE_DIR = "state.dir";
    public static final String OPS_HOST = "ops.host";
    public static final String OPS_PORT = "ops.port";
    public static final String KAFKA_PASSTHROUGH_PREFIX = "kafka.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, "localhost:9092", ConfigDef.CompositeValidator.of(new ConfigDef.NonNullValidator(),
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        if (((java.util.List<?>) value).isEmpty()) {
                            throw new org.apache.kafka.common.config.ConfigException(name, value, "at least one host:port is needed");
                        }
                    }, () -> "non-empty list of host:port")),
                    Importance.HIGH, "Kafka brokers to bootstrap from, host:port[,host:port...].")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, "http://localhost:8081", ConfigDef.LambdaValidator.with((name, value) -> {
                        final String url = String.valueOf(value);
                        if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("mock://")) {
                            throw new org.apache.kafka.common.config.ConfigException(name, value, "must start with http://, https:// or mock://");
                        }
                    }, () -> "http(s)://host:port[/path] or mock://scope"),
                    Importance.HIGH, "Base URL of a Confluent-API schema registry (Confluent, Apicurio's /apis/ccompat/v7, ...).")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM,
                    "Prepended to every StreamScale topic name, e.g. 'prod.'.")
            .define(APPLICATION_ID_PREFIX, Type.STRING, "streamscale", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Kafka Streams application ids and consumer groups are this prefix plus the service name.")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/streamscale-state", Importance.MEDIUM,
                    "Directory for Kafka Streams state stores.")
            .define(OPS_HOST, Type.STRING, "0.0.0.0", Importance.LOW, "Interface the health and metrics server listens on.")
            .define(OPS_PORT, Type.INT, 8080, ConfigDef.Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of the health (/health/live, /health/ready) and Prometheus metrics (/metrics) server; -1 turns it off, 0 picks a free port.");

    public StreamScaleConfig(final Map<String, ?> values) {
        super(CONFIG_DEF, withoutPassthrough(values), false);
        this.passthrough = passthrough(values);
    }

    private final Map<String, Object> passthrough;

    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS));
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public String applicationId(final String service) {
        return getString(APPLICATION_ID_PREFIX) + "-" + service;
    }

    public String stateDir() {
        return getString(STATE_DIR);
    }

    public String opsHost() {
        return getString(OPS_HOST);
    }

    public int opsPort() {
        return getInt(OPS_PORT);
    }

    /** The {@code kafka.*} settings with the prefix removed, for every Kafka client. */
    public Map<String, Object> kafkaClientOverrides() {
        return passthrough;
    }

    /** Settings every Kafka client of a service starts from. */
    public Properties kafkaClientProperties() {
        final Properties props = new Properties();
        props.put(BOOTSTRAP_SERVERS, bootstrapServers());
        props.put(SCHEMA_REGISTRY_URL, schemaRegistryUrl());
        props.putAll(passthrough);
        return props;
    }

    private static Map<String, Object> withoutPassthrough(final Map<String, ?> values) {
        final Map<String, Object> own = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!k.startsWith(KAFKA_PASSTHROUGH_PREFIX)) {
                own.put(k, v);
            }
        });
        return own;
    }

    private static Map<String, Object> passthrough(final Map<String, ?> values) {
        final Map<String, Object> kafka = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PASSTHROUGH_PREFIX)) {
                kafka.put(k.substring(KAFKA_PASSTHROUGH_PREFIX.length()), v);
            }
        });
        return Map.copyOf(kafka);
    }
}
