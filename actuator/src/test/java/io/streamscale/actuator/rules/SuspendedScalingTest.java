package io.streamscale.actuator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A suspended direction in Application Auto Scaling holds StreamScale back in that direction only. */
class SuspendedScalingTest {

    static final String TARGET = "endpoint/fraud-model/variant/AllTraffic";

    @Test
    void aSuspendedScaleInRefusesFewerInstancesOnly() {
        assertThat(SuspendedScaling.refusal(6, 3, true, false, TARGET)).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("scale-in 6->3 not applied: DynamicScalingInSuspended is true for " + TARGET
                        + " in Application Auto Scaling"));
        assertThat(SuspendedScaling.refusal(6, 8, true, false, TARGET)).isEmpty();
    }

    @Test
    void aSuspendedScaleOutRefusesMoreInstancesOnly() {
        assertThat(SuspendedScaling.refusal(2, 4, false, true, TARGET)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("scale-out 2->4 not applied: DynamicScalingOutSuspended is true"));
        assertThat(SuspendedScaling.refusal(4, 2, false, true, TARGET)).isEmpty();
    }

    @Test
    void nothingSuspendedOrNoChangeIsNeverRefused() {
        assertThat(SuspendedScaling.refusal(2, 4, false, false, TARGET)).isEmpty();
        assertThat(SuspendedScaling.refusal(4, 4, true, true, TARGET)).isEmpty();
    }
}
