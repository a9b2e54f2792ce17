package io.streamscale.signals.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.ScalingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** docs/policy-example.json is the example users copy, so it must stay valid as the code changes. */
class PolicyExampleDocTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "policy-example.json");

    @Test
    void theDocumentedExampleParsesAndValidates() throws IOException {
        final ScalingPolicy policy = PolicyDocuments.parse(Files.readString(EXAMPLE));

        assertThat(policy.getEndpoint()).isEqualTo("fraud-model");
        assertThat(policy.getTargetTracking()).hasSize(2);
        assertThat(policy.getStepScaling()).hasSize(1);
        assertThat(policy.getScheduled()).hasSize(2);
        assertThat(PolicyDocuments.parse(PolicyDocuments.toJson(policy))).isEqualTo(policy);
    }

    @Test
    void itsFridayPeakIsInForceOverTheWeekendAndEndsOnMonday() throws IOException {
        final ScalingPolicy policy = PolicyDocuments.parse(Files.readString(EXAMPLE));

        // Saturday 28 November 2026: Friday 18:00 New York (23:00 UTC) set 10-40.
        assertThat(ScheduledCapacity.inForce(policy, Instant.parse("2026-11-28T12:00:00Z")))
                .contains(new ScheduledRange("friday-evening-peak", Instant.parse("2026-11-27T23:00:00Z"), 10, 40));
        // Monday 30 November 2026 06:00 New York (11:00 UTC) set 2-20 again.
        assertThat(ScheduledCapacity.inForce(policy, Instant.parse("2026-11-30T11:00:00Z")))
                .contains(new ScheduledRange("monday-back-to-normal", Instant.parse("2026-11-30T11:00:00Z"), 2, 20));
    }
}
