package io.streamscale.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void fileThenEnvironmentThenCommandLine() throws Exception {
        final Path file = Files.writeString(dir.resolve("streamscale.properties"),
                "bootstrap.servers=file:9092\ntopic.prefix=file.\nops.port=9000\nkafka.security.protocol=SSL\n");
        final Map<String, String> env = Map.of("STREAMSCALE_TOPIC_PREFIX", "env.", "STREAMSCALE_OPS_PORT", "9100",
                "STREAMSCALE_JAVA_OPTS", "-Xmx1g", "PATH", "/bin");
        final Map<String, Object> cli = new HashMap<>();
        cli.put("ops.port", "9200");
        cli.put("schema.registry.url", null);

        final StreamScaleConfig config = new StreamScaleConfig(
                ConfigLoader.load(file, env, cli, StreamScaleConfig.CONFIG_DEF.names()));

        assertThat(config.bootstrapServers()).isEqualTo("file:9092");
        assertThat(config.topicPrefix()).isEqualTo("env.");
        assertThat(config.opsPort()).isEqualTo(9200);
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(config.kafkaClientOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void unknownKeyIsRefusedWithItsName() throws Exception {
        final Path file = Files.writeString(dir.resolve("bad.properties"), "bootstrap.server=x:9092\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of(), StreamScaleConfig.CONFIG_DEF.names()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Unknown configuration key 'bootstrap.server' in ");
    }

    @Test
    void badValueNamesTheKey() {
        assertThatThrownBy(() -> new StreamScaleConfig(Map.of("ops.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.port");
        assertThatThrownBy(() -> new StreamScaleConfig(Map.of("schema.registry.url", "localhost:8081")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new StreamScaleConfig(Map.of("ops.port", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.port");
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.properties"), Map.of(), Map.of(), StreamScaleConfig.CONFIG_DEF.names()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
    }
}
