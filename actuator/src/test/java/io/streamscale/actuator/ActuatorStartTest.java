package io.streamscale.actuator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Acting on AWS without credentials fails at start, before any decision is consumed. */
class ActuatorStartTest {

    @Test
    void liveModeWithoutCredentialsFailsFastNamingTheProviderChain() {
        // No broker is needed: the check comes before the consumer starts.
        final ActuatorConfig live = ActuatorConfig.builder("127.0.0.1:1", "mock://start").dryRun(false)
                .region("eu-west-1").build();
        final String key = System.getProperty("aws.accessKeyId");
        org.junit.jupiter.api.Assumptions.assumeTrue(key == null && System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getenv("AWS_PROFILE") == null
                && !java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".aws", "credentials")),
                "this machine has AWS credentials configured");
        System.setProperty("aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:1");
        System.setProperty("aws.disableEc2Metadata", "true");
        try {
            assertThatThrownBy(() -> Actuator.start(live))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no AWS credentials found by the SDK's default provider chain");
        } finally {
            System.clearProperty("aws.ec2MetadataServiceEndpoint");
            System.clearProperty("aws.disableEc2Metadata");
        }
    }
}
