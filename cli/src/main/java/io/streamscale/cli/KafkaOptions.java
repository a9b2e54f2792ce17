package io.streamscale.cli;

import io.streamscale.cli.config.ConfigLoader;
import io.streamscale.cli.config.StreamScaleConfig;
import io.streamscale.schemas.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where a command finds Kafka and the registry: {@code --config FILE}, {@code STREAMSCALE_*}
 * environment variables and these options, merged and validated by {@link StreamScaleConfig}.
 */
public final class KafkaOptions {

    @Option(names = {"-c", "--config"}, description = "Properties file with settings (see docs/CONFIGURATION.md).")
    Path configFile;

    @Option(names = {"-b", "--bootstrap-servers"}, description = "Kafka brokers, host:port[,host:port].")
    String bootstrapServers;

    @Option(names = {"-r", "--schema-registry-url"}, description = "Confluent-API schema registry base URL.")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", description = "Prefix of every StreamScale topic name.")
    String topicPrefix;

    private StreamScaleConfig config;
    private Set<String> sections = Set.of();

    /** Lets settings under these prefixes (e.g. {@code signals.}) through; the owning module validates them. */
    public KafkaOptions acceptSections(final String... prefixes) {
        this.sections = Set.of(prefixes);
        this.config = null;
        return this;
    }

    /** Every merged setting, including the accepted sections' keys, for a module's typed config. */
    public Map<String, Object> allValues() {
        return values(StreamScaleConfig.CONFIG_DEF.names(), sections, Map.of());
    }

    /** The merged settings; {@code extraKnown} are the keys of the command's own sections. */
    public StreamScaleConfig config() {
        if (config == null) {
            config = new StreamScaleConfig(allValues());
        }
        return config;
    }

    /** Every value from file, environment and options, for commands with more settings than the common ones. */
    public Map<String, Object> values(final Set<String> known, final Map<String, Object> commandOptions) {
        return values(known, Set.of(), commandOptions);
    }

    /** As {@link #values(Set, Map)}, also accepting keys under {@code sections} (e.g. {@code signals.}), validated by their module. */
    public Map<String, Object> values(final Set<String> known, final Set<String> sections, final Map<String, Object> commandOptions) {
        final Map<String, Object> options = new HashMap<>(commandOptions);
        options.put(StreamScaleConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        options.put(StreamScaleConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        options.put(StreamScaleConfig.TOPIC_PREFIX, topicPrefix);
        final Set<String> all = new java.util.HashSet<>(known);
        all.addAll(StreamScaleConfig.CONFIG_DEF.names());
        return ConfigLoader.load(configFile, System.getenv(), options, all, sections);
    }

    public Topics topics() {
        return new Topics(config().topicPrefix(), Map.of(StreamScaleConfig.SCHEMA_REGISTRY_URL, config().schemaRegistryUrl()));
    }

    public Properties clientProperties() {
        return config().kafkaClientProperties();
    }
}
