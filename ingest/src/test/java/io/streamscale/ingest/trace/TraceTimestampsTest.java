package io.streamscale.ingest.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceTimestampsTest {

    private static final long T = Instant.parse("2023-11-16T18:17:03.979Z").toEpochMilli();

    @Test
    void acceptsEpochMillisIsoInstantsOffsetsAndLocalTimesAsUtc() {
        assertThat(TraceTimestamps.parseMillis(Long.toString(T))).isEqualTo(T);
        assertThat(TraceTimestamps.parseMillis("2023-11-16T18:17:03.979Z")).isEqualTo(T);
        assertThat(TraceTimestamps.parseMillis("2023-11-16T19:17:03.979+01:00")).isEqualTo(T);
        assertThat(TraceTimestamps.parseMillis("2023-11-16 18:17:03.9799600")).isEqualTo(T);
        assertThat(TraceTimestamps.parseMillis("2023-11-16T18:17:03.979")).isEqualTo(T);
        assertThat(TraceTimestamps.parseMillis("2023-11-16 18:17:03.979Z")).isEqualTo(T);
        assertThat(TraceTimestamps.parseMillis("2023-11-16 18:17")).isEqualTo(Instant.parse("2023-11-16T18:17:00Z").toEpochMilli());
    }

    @Test
    void rejectsAnythingElseSayingWhatIsAccepted() {
        assertThatThrownBy(() -> TraceTimestamps.parseMillis("16/11/2023")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TraceTimestamps.parseMillis("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TraceTimestamps.parseMillis("99999999999999999999")).hasMessageContaining("out of range");
    }
}
