package io.streamscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line, as people write them. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsShortFormsIsoAndABareZero() {
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("0")).isZero();
    }

    @Test
    void anythingElseIsRefusedWithTheExpectedForms() {
        assertThatThrownBy(() -> converter.convert("ten seconds")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("500ms, 2s, 5m, 1h");
        assertThatThrownBy(() -> converter.convert("5d")).isInstanceOf(TypeConversionException.class);
    }
}
