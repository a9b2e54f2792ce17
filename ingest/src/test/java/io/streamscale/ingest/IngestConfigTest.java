package io.streamscale.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsAreDocumentedValues() {
        final IngestConfig config = IngestConfig.fromMap(Map.of());
        assertThat(config.maxLatency()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.futureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(config.maxStringChars()).isEqualTo(1024);
        assertThat(config.maxPayloadBytes()).isEqualTo(65_536);
    }

    @Test
    void valuesMayBeTextAsInPropertiesFilesAndOtherKeysAreIgnored() {
        final IngestConfig config = IngestConfig.fromMap(Map.of(IngestConfig.LATENCY_MAX_MS, " 60000 ",
                IngestConfig.TIMESTAMP_MAX_AGE_MS, 1000L, "bootstrap.servers", "x:9092"));
        assertThat(config.maxLatency()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.maxAge()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBadValueNamesTheKey() {
        assertThatThrownBy(() -> IngestConfig.fromMap(Map.of(IngestConfig.LATENCY_MAX_MS, "fast")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(IngestConfig.LATENCY_MAX_MS);
        assertThatThrownBy(() -> IngestConfig.fromMap(Map.of(IngestConfig.TIMESTAMP_FUTURE_SKEW_MS, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(IngestConfig.TIMESTAMP_FUTURE_SKEW_MS);
        assertThatThrownBy(() -> IngestConfig.fromMap(Map.of(IngestConfig.STRING_MAX_CHARS, 0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(IngestConfig.STRING_MAX_CHARS);
        assertThatThrownBy(() -> IngestConfig.fromMap(Map.of(IngestConfig.PAYLOAD_MAX_BYTES, "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(IngestConfig.PAYLOAD_MAX_BYTES);
        assertThatThrownBy(() -> new IngestConfig(Duration.ZERO, Duration.ZERO, Duration.ofDays(1), 10, 100))
                .isInstanceOf(ConfigException.class).hasMessageContaining(IngestConfig.LATENCY_MAX_MS);
    }

    @Test
    void roundTripsThroughItsKeys() {
        final IngestConfig config = IngestConfig.DEFAULTS.withMaxAge(Duration.ofDays(3650));
        assertThat(IngestConfig.fromMap(config.toMap())).isEqualTo(config);
    }

    @Test
    void aMisspeltIngestKeyIsRefusedByName() {
        assertThatThrownBy(() -> IngestConfig.fromMap(Map.of("ingest.latency.max", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ingest.latency.max: unknown setting");
    }
}
