package io.streamscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalConfigTest {

    @Test
    void defaultsAreTenSecondWindowsFiveSecondsGraceSixWindowSlope() {
        assertThat(SignalConfig.DEFAULTS.windowSize()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SignalConfig.DEFAULTS.grace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SignalConfig.DEFAULTS.slopeLookbackWindows()).isEqualTo(6);
        assertThat(SignalConfig.DEFAULTS.defaultCapacity()).isEqualTo(1);
        assertThat(SignalConfig.fromProperties(Map.of())).isEqualTo(SignalConfig.DEFAULTS);
    }

    @Test
    void readsSignalsKeysAsIsoDurationsOrMillisecondsAndIgnoresOtherKeys() {
        final SignalConfig config = SignalConfig.fromProperties(Map.of(
                "signals.window.size", "PT30S", "signals.window.grace", "2000", "signals.slope.lookback.windows", "10",
                "signals.forecast.horizon", Duration.ofMinutes(2), "signals.default.capacity", 3,
                "signals.forecast.holt.alpha", "0.8", "signals.idle.advance.after", "PT0S", "bootstrap.servers", "x:9092"));
        assertThat(config.windowSize()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.slopeLookbackWindows()).isEqualTo(10);
        assertThat(config.forecastHorizon()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.defaultCapacity()).isEqualTo(3);
        assertThat(config.holtAlpha()).isEqualTo(0.8);
        assertThat(config.idleAdvanceAfter()).isZero();
    }

    @Test
    void aMalformedValueNamesItsKey() {
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.window.size", "ten seconds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("signals.window.size");
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.slope.lookback.windows", "six")))
                .hasMessageStartingWith("signals.slope.lookback.windows");
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.forecast.holt.beta", "x")))
                .hasMessageStartingWith("signals.forecast.holt.beta");
    }

    @Test
    void anOutOfRangeValueNamesItsKey() {
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.window.size", "0")))
                .hasMessage("signals.window.size must be a positive duration");
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.window.grace", "-1")))
                .hasMessage("signals.window.grace must not be negative");
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.slope.lookback.windows", "1")))
                .hasMessage("signals.slope.lookback.windows must be at least 2");
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.forecast.holt.alpha", "1.5")))
                .hasMessage("signals.forecast.holt.alpha must be in (0, 1]");
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.default.capacity", "0")))
                .hasMessage("signals.default.capacity must be at least 1");
    }

    @Test
    void aMisspeltSignalsKeyIsRefusedByName() {
        assertThatThrownBy(() -> SignalConfig.fromProperties(Map.of("signals.window.sise", "PT10S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("signals.window.sise: unknown setting");
    }
}
