package io.streamscale.cli.service;

import io.streamscale.cli.config.StreamScaleConfig;
import io.streamscale.cli.ops.OpsServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How every StreamScale Streams app is configured, in one place: exactly-once v2 always (a scaling
 * decision counted twice or lost is a wrong decision), application id from the prefix, state under
 * the state directory, the registry for the serdes, and the {@code kafka.*} passthrough last so an
 * operator can tune anything.
 */
public final class StreamsServices {

    /**
     * The module sections a service's settings may hold. Every service accepts all of them, so one
     * properties file can serve every service; each module validates its own section by name.
     */
    public static final String[] SECTIONS = {"ingest.", "signals."};

    private StreamsServices() {
    }

    public static Properties properties(final StreamScaleConfig config, final String service, final Map<String, ?> overrides) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId(service));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(config.stateDir(), service).toString());
        props.put(StreamScaleConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
        // Kafka 5.0 turns this on by default; opting in now keeps behaviour the same across the upgrade.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putAll(overrides);
        props.putAll(config.kafkaClientOverrides());
        return props;
    }

    /** The health and metrics server, or null when {@code ops.port} is -1. */
    public static OpsServer opsServer(final StreamScaleConfig config) {
        return config.opsPort() < 0 ? null : OpsServer.start(config.opsHost(), config.opsPort());
    }
}
