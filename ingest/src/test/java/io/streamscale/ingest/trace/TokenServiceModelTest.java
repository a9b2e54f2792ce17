package io.streamscale.ingest.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenServiceModelTest {

    @Test
    void latencyIsPrefillPlusDecodeWithoutJitter() {
        final TokenServiceModel model = new TokenServiceModel(10, 0.5, 30, 2, 0);

        assertThat(model.modelLatencyMicros(100, 4, "r")).isEqualTo((10 + 50 + 120) * 1000L);
        assertThat(model.overheadLatencyMicros()).isEqualTo(2_000);
    }

    @Test
    void jitterIsBoundedAndTheSameForTheSameRequestId() {
        final TokenServiceModel model = TokenServiceModel.DEFAULT;
        final long plain = new TokenServiceModel(20, 0.1, 20, 5, 0).modelLatencyMicros(2000, 50, "x");
        for (int i = 0; i < 1000; i++) {
            final long jittered = model.modelLatencyMicros(2000, 50, "req-" + i);
            assertThat(jittered).isBetween(Math.round(plain * 0.9) - 1, Math.round(plain * 1.1) + 1);
            assertThat(model.modelLatencyMicros(2000, 50, "req-" + i)).isEqualTo(jittered);
        }
    }

    @Test
    void negativeOrNonFiniteCostsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> new TokenServiceModel(-1, 0, 0, 0, 0)).hasMessageContaining("prefillBaseMs");
        assertThatThrownBy(() -> new TokenServiceModel(0, Double.NaN, 0, 0, 0)).hasMessageContaining("prefillMsPerInputToken");
        assertThatThrownBy(() -> new TokenServiceModel(0, 0, 0, 0, 1)).hasMessageContaining("jitterFraction");
    }
}
