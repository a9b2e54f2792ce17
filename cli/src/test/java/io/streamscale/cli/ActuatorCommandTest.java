package io.streamscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.actuator.ActuatorConfig;
import io.streamscale.actuator.Backend;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The actuator's command line maps onto its typed configuration, dry-run unless told otherwise. */
class ActuatorCommandTest {

    static ActuatorConfig parse(final String... args) {
        final ActuatorCommand command = new ActuatorCommand();
        new CommandLine(command).parseArgs(args);
        return command.toConfig();
    }

    @Test
    void defaultsToDryRun() {
        final ActuatorConfig config = parse("--bootstrap-servers", "localhost:9092", "--region", "eu-west-1");

        assertThat(config.dryRun()).isTrue();
        assertThat(config.defaultBackend()).isEqualTo(Backend.SAGEMAKER);
        assertThat(config.maxDecisionAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.followUpInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.followUpMaxWait()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.capacityRefreshInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aZeroRefreshIntervalTurnsTheRefreshOff() {
        final ActuatorConfig config = parse("--bootstrap-servers", "localhost:9092", "--region", "eu-west-1",
                "--capacity-refresh-interval", "0");

        assertThat(config.capacityRefreshInterval()).isZero();
    }

    @Test
    void everyOptionReachesTheConfig() {
        final ActuatorConfig config = parse("--bootstrap-servers", "kafka:9092", "--schema-registry-url", "http://sr:8081",
                "--topic-prefix", "prod.", "--group-id", "g", "--transactional-id", "g-7", "--region", "eu-west-1",
                "--aws-endpoint-url", "http://localhost:4566", "--no-dry-run", "--backend", "application-autoscaling",
                "--force-backend", "--max-decision-age", "90s", "--endpoint-min-interval", "250ms",
                "--calls-per-minute", "30", "--aws-max-attempts", "4", "--retry-base-delay", "50ms",
                "--retry-max-backoff", "5s", "--in-progress-retry-delay", "10s", "--in-progress-max-wait", "PT5M",
                "--follow-up-interval", "5s", "--follow-up-max-wait", "20m", "--capacity-refresh-interval", "2m",
                "--no-cloudwatch", "--metrics-namespace", "Acme", "--metrics-batch-size", "500",
                "--kafka-property", "security.protocol=SSL");

        assertThat(config.dryRun()).isFalse();
        assertThat(config.awsEndpointUrl()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(config.defaultBackend()).isEqualTo(Backend.APPLICATION_AUTOSCALING);
        assertThat(config.forceBackend()).isTrue();
        assertThat(config.maxDecisionAge()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.endpointMinInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.inProgressMaxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.transactionalId()).isEqualTo("g-7");
        assertThat(config.followUpInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.followUpMaxWait()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.capacityRefreshInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.cloudWatchEnabled()).isFalse();
        assertThat(config.metricsBatchSize()).isEqualTo(500);
        assertThat(config.kafkaOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void aBadValueExitsWithTheFieldNamed() {
        final java.io.PrintStream original = System.err;
        final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            final int exit = StreamScaleCommand.commandLine()
                    .execute("actuator", "--bootstrap-servers", "localhost:9092", "--region", "Ireland");
            assertThat(exit).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("actuator config region:");
    }

    @Test
    void aZeroFollowUpIntervalExitsWithTheFieldNamed() {
        final java.io.PrintStream original = System.err;
        final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            final int exit = StreamScaleCommand.commandLine().execute("actuator", "--bootstrap-servers",
                    "localhost:9092", "--region", "eu-west-1", "--follow-up-interval", "0");
            assertThat(exit).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("actuator config followUpInterval: must be a positive duration");
    }
}
