package io.streamscale.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The actuator's configuration: safe defaults, and bad values fail at start naming the field. */
class ActuatorConfigTest {

    ActuatorConfig.Builder builder() {
        return ActuatorConfig.builder("localhost:9092", "mock://config");
    }

    @Test
    void defaultsAreSafe() {
        final ActuatorConfig config = builder().build();

        assertThat(config.dryRun()).isTrue();
        assertThat(config.defaultBackend()).isEqualTo(Backend.SAGEMAKER);
        assertThat(config.metricsNamespace()).isEqualTo("StreamScale");
        assertThat(config.awsEndpointUrl()).isNull();
        assertThat(config.transactionalId()).isEqualTo("streamscale-actuator-0");
        assertThat(config.followUpInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.followUpMaxWait()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.capacityRefreshInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void thePolicysBackendIsUsedUnlessTheGlobalOneIsForced() {
        assertThat(builder().build().backendFor(null)).isEqualTo(Backend.SAGEMAKER);
        assertThat(builder().build().backendFor("application-autoscaling")).isEqualTo(Backend.APPLICATION_AUTOSCALING);
        assertThat(builder().forceBackend(true).build().backendFor("application-autoscaling")).isEqualTo(Backend.SAGEMAKER);
        assertThatThrownBy(() -> Backend.parse("ecs")).hasMessageContaining("unknown backend 'ecs'");
    }

    @Test
    void aZeroRefreshIntervalTurnsTheRefreshOff() {
        assertThat(builder().capacityRefreshInterval(Duration.ZERO).build().capacityRefreshInterval()).isZero();
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> builder().region("Ireland").build())
                .hasMessage("actuator config region: 'Ireland' is not an AWS region name such as eu-west-1");
        assertThatThrownBy(() -> builder().awsEndpointUrl(URI.create("localhost:4566")).build())
                .hasMessageStartingWith("actuator config awsEndpointUrl:");
        assertThatThrownBy(() -> builder().callsPerMinute(0).build())
                .hasMessage("actuator config callsPerMinute: must be at least 1, was 0");
        assertThatThrownBy(() -> builder().maxDecisionAge(Duration.ZERO).build())
                .hasMessageStartingWith("actuator config maxDecisionAge:");
        assertThatThrownBy(() -> builder().awsMaxAttempts(50).build())
                .hasMessageStartingWith("actuator config awsMaxAttempts:");
        assertThatThrownBy(() -> builder().metricsBatchSize(1001).build())
                .hasMessageStartingWith("actuator config metricsBatchSize:");
        assertThatThrownBy(() -> builder().metricsNamespace("AWS/SageMaker").build())
                .hasMessageStartingWith("actuator config metricsNamespace:");
        assertThatThrownBy(() -> builder().followUpInterval(Duration.ZERO).build())
                .hasMessage("actuator config followUpInterval: must be a positive duration, was PT0S");
        assertThatThrownBy(() -> builder().followUpMaxWait(Duration.ofSeconds(-1)).build())
                .hasMessageStartingWith("actuator config followUpMaxWait:");
        assertThatThrownBy(() -> builder().capacityRefreshInterval(null).build())
                .hasMessageStartingWith("actuator config capacityRefreshInterval:");
        assertThatThrownBy(() -> ActuatorConfig.builder(" ", "mock://x").build())
                .hasMessage("actuator config bootstrapServers: must be set");
    }
}
