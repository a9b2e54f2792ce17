package io.streamscale.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLogValidatorTest {

    private static final long NOW = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private final RequestLogValidator validator = new RequestLogValidator(IngestConfig.DEFAULTS);

    private static RequestLog valid(final Consumer<RequestLog.Builder> change) {
        final RequestLog.Builder builder = RequestLog.newBuilder()
                .setEndpoint("fraud-model").setVariant("AllTraffic").setRequestId("r-1")
                .setTimestamp(Instant.ofEpochMilli(NOW - 1_000)).setModelLatencyMicros(12_000).setOverheadLatencyMicros(900)
                .setStatusCode(200).setQueueDepth(3).setTargetModel("model-a.tar.gz").setInputTokens(10).setOutputTokens(5);
        change.accept(builder);
        return builder.build();
    }

    private void assertRejected(final RequestLog log, final ReasonCode reason, final String mentions) {
        assertThatThrownBy(() -> validator.validate(log, NOW))
                .isInstanceOfSatisfying(RejectedRecordException.class, e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(mentions);
    }

    @Test
    void aRecordWithinEveryRulePasses() {
        assertThatCode(() -> validator.validate(valid(b -> { }), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud_model", "-fraud", "fraud-", "fraud model", "fraud/model", "", "é-model",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void endpointNamesFollowSageMakersRule(final String name) {
        assertRejected(valid(b -> b.setEndpoint(name)), ReasonCode.INVALID_ENDPOINT_NAME, "endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Fraud-Model-2", "a--b", "a12345678901234567890123456789012345678901234567890123456789012"})
    void validSageMakerNamesPass(final String name) {
        assertThatCode(() -> validator.validate(valid(b -> b.setEndpoint(name).setVariant(name)), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"All_Traffic", "blue/green", "", " AllTraffic"})
    void variantNamesFollowSageMakersRule(final String name) {
        assertRejected(valid(b -> b.setVariant(name)), ReasonCode.INVALID_VARIANT_NAME, "variant");
    }

    @Test
    void latencyMustNotBeNegative() {
        assertRejected(valid(b -> b.setModelLatencyMicros(-1)), ReasonCode.NEGATIVE_LATENCY, "modelLatencyMicros");
        assertRejected(valid(b -> b.setOverheadLatencyMicros(-5)), ReasonCode.NEGATIVE_LATENCY, "overheadLatencyMicros");
    }

    @Test
    void latencyMustStayBelowTheConfiguredCeiling() {
        final RequestLogValidator strict = new RequestLogValidator(IngestConfig.DEFAULTS.withMaxLatency(Duration.ofSeconds(1)));
        assertThatCode(() -> strict.validate(valid(b -> b.setModelLatencyMicros(999_000).setOverheadLatencyMicros(1_000)), NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> strict.validate(valid(b -> b.setModelLatencyMicros(999_000).setOverheadLatencyMicros(1_001)), NOW))
                .hasMessageContaining("ceiling of 1000 ms").hasMessageContaining(IngestConfig.LATENCY_MAX_MS);
        assertRejected(valid(b -> b.setModelLatencyMicros(Long.MAX_VALUE)), ReasonCode.LATENCY_ABOVE_CEILING, "ceiling");
        assertRejected(valid(b -> b.setModelLatencyMicros(Long.MAX_VALUE).setOverheadLatencyMicros(Long.MAX_VALUE)),
                ReasonCode.LATENCY_ABOVE_CEILING, "ceiling");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 99, 600, 1000, -200})
    void statusCodeMustBeAnHttpStatus(final int status) {
        assertRejected(valid(b -> b.setStatusCode(status)), ReasonCode.INVALID_STATUS_CODE, "statusCode " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 200, 429, 503, 599})
    void everyHttpStatusPasses(final int status) {
        assertThatCode(() -> validator.validate(valid(b -> b.setStatusCode(status)), NOW)).doesNotThrowAnyException();
    }

    @Test
    void timestampMayRunAheadOnlyByTheConfiguredSkew() {
        final long skew = IngestConfig.DEFAULTS.futureSkew().toMillis();
        assertThatCode(() -> validator.validate(valid(b -> b.setTimestamp(Instant.ofEpochMilli(NOW + skew))), NOW)).doesNotThrowAnyException();
        assertRejected(valid(b -> b.setTimestamp(Instant.ofEpochMilli(NOW + skew + 1))), ReasonCode.TIMESTAMP_IN_FUTURE,
                IngestConfig.TIMESTAMP_FUTURE_SKEW_MS);
        assertRejected(valid(b -> b.setTimestamp(Instant.ofEpochMilli(NOW * 1000))), ReasonCode.TIMESTAMP_IN_FUTURE, "microseconds");
    }

    @Test
    void timestampMayBeOldOnlyUpToTheConfiguredAge() {
        final long age = IngestConfig.DEFAULTS.maxAge().toMillis();
        assertThatCode(() -> validator.validate(valid(b -> b.setTimestamp(Instant.ofEpochMilli(NOW - age))), NOW)).doesNotThrowAnyException();
        assertRejected(valid(b -> b.setTimestamp(Instant.ofEpochMilli(NOW - age - 1))), ReasonCode.TIMESTAMP_TOO_OLD,
                IngestConfig.TIMESTAMP_MAX_AGE_MS);
        assertRejected(valid(b -> b.setTimestamp(Instant.ofEpochMilli(NOW / 1000))), ReasonCode.TIMESTAMP_TOO_OLD, "seconds");
        assertRejected(valid(b -> b.setTimestamp(Instant.ofEpochMilli(Long.MIN_VALUE))), ReasonCode.TIMESTAMP_TOO_OLD, "older");
    }

    @Test
    void aLongerMaxAgeLetsHistoricalTracesIn() {
        final RequestLogValidator historical = new RequestLogValidator(IngestConfig.DEFAULTS.withMaxAge(Duration.ofDays(3650)));
        assertThatCode(() -> historical.validate(valid(b -> b.setTimestamp(Instant.parse("2023-11-16T18:17:03Z"))), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void stringsHaveBoundedLengths() {
        final int max = IngestConfig.DEFAULTS.maxStringChars();
        assertThatCode(() -> validator.validate(valid(b -> b.setRequestId("r".repeat(max))), NOW)).doesNotThrowAnyException();
        assertRejected(valid(b -> b.setRequestId("r".repeat(max + 1))), ReasonCode.INVALID_STRING_LENGTH, "requestId");
        assertRejected(valid(b -> b.setRequestId("")), ReasonCode.INVALID_STRING_LENGTH, "requestId is empty");
        assertRejected(valid(b -> b.setTargetModel("m".repeat(max + 1))), ReasonCode.INVALID_STRING_LENGTH, "targetModel");
    }

    @Test
    void countsMustNotBeNegative() {
        assertRejected(valid(b -> b.setQueueDepth(-1)), ReasonCode.NEGATIVE_COUNT, "queueDepth");
        assertRejected(valid(b -> b.setInputTokens(-1)), ReasonCode.NEGATIVE_COUNT, "inputTokens");
        assertRejected(valid(b -> b.setOutputTokens(-1)), ReasonCode.NEGATIVE_COUNT, "outputTokens");
        assertThatCode(() -> validator.validate(valid(b -> b.setQueueDepth(null).setTargetModel(null).setInputTokens(null)), NOW))
                .doesNotThrowAnyException();
    }
}
