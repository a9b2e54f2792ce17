package io.streamscale.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.RequestLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRequestLogReaderTest {

    private static final String TIME = "\"timestamp\": 1763892000000";
    private static final Instant T = Instant.ofEpochMilli(1_763_892_000_000L);
    private final JsonRequestLogReader reader = new JsonRequestLogReader();

    private RequestLog read(final String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), "raw-0-42");
    }

    /** A minimal valid object with {@code fields} added. */
    private RequestLog readWith(final String fields) {
        return read("{\"endpoint\": \"fraud-model\", " + TIME + ", \"latency_ms\": 10" + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    private void assertRejected(final String json, final ReasonCode reason, final String mentions) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(RejectedRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(mentions);
    }

    @Test
    void canonicalFieldsMapOneToOne() {
        final RequestLog log = read("""
                {"endpoint": "fraud-model", "variant": "blue", "requestId": "abc", "timestamp": 1763892000000,
                 "modelLatencyMicros": 12000, "overheadLatencyMicros": 800, "statusCode": 503, "queueDepth": 4,
                 "targetModel": "m1.tar.gz", "inputTokens": 100, "outputTokens": 20, "somethingElse": [1, 2]}
                """);
        assertThat(log.getEndpoint()).isEqualTo("fraud-model");
        assertThat(log.getVariant()).isEqualTo("blue");
        assertThat(log.getRequestId()).isEqualTo("abc");
        assertThat(log.getTimestamp()).isEqualTo(T);
        assertThat(log.getModelLatencyMicros()).isEqualTo(12_000);
        assertThat(log.getOverheadLatencyMicros()).isEqualTo(800);
        assertThat(log.getStatusCode()).isEqualTo(503);
        assertThat(log.getQueueDepth()).isEqualTo(4);
        assertThat(log.getTargetModel()).isEqualTo("m1.tar.gz");
        assertThat(log.getInputTokens()).isEqualTo(100);
        assertThat(log.getOutputTokens()).isEqualTo(20);
    }

    @Test
    void theProjectsOwnJsonFormReadsBackUnchanged() {
        final RequestLog original = RequestLog.newBuilder().setEndpoint("fraud-model").setVariant("blue").setRequestId("abc")
                .setTimestamp(T).setModelLatencyMicros(12_345).setOverheadLatencyMicros(678).setStatusCode(503)
                .setQueueDepth(null).setTargetModel("m").setInputTokens(1).setOutputTokens(null).build();

        assertThat(read(io.streamscale.schemas.json.RecordJson.toLine(original))).isEqualTo(original);
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        final RequestLog log = readWith("");
        assertThat(log.getVariant()).isEqualTo("AllTraffic");
        assertThat(log.getRequestId()).isEqualTo("raw-0-42");
        assertThat(log.getStatusCode()).isEqualTo(200);
        assertThat(log.getOverheadLatencyMicros()).isZero();
        assertThat(log.getQueueDepth()).isNull();
        assertThat(log.getTargetModel()).isNull();
        assertThat(log.getInputTokens()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"endpoint", "endpointName", "EndpointName", "endpoint_name"})
    void endpointAliases(final String name) {
        final RequestLog log = read("{\"" + name + "\": \"e-1\", " + TIME + ", \"latency_ms\": 1}");
        assertThat(log.getEndpoint()).isEqualTo("e-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"variant", "variantName", "VariantName", "variant_name"})
    void variantAliases(final String name) {
        assertThat(readWith("\"" + name + "\": \"green\"").getVariant()).isEqualTo("green");
    }

    @ParameterizedTest
    @ValueSource(strings = {"requestId", "request_id", "requestID", "RequestId", "x-amzn-RequestId", "id"})
    void requestIdAliases(final String name) {
        assertThat(readWith("\"" + name + "\": \"req-9\"").getRequestId()).isEqualTo("req-9");
    }

    @Test
    void numericRequestIdsAreKeptAsText() {
        assertThat(readWith("\"id\": 123456789012").getRequestId()).isEqualTo("123456789012");
    }

    @ParameterizedTest
    @ValueSource(strings = {"statusCode", "status_code", "status", "StatusCode", "response_code", "httpStatus"})
    void statusAliasesAcceptNumbersAndNumericText(final String name) {
        assertThat(readWith("\"" + name + "\": 429").getStatusCode()).isEqualTo(429);
        assertThat(readWith("\"" + name + "\": \"502\"").getStatusCode()).isEqualTo(502);
    }

    @ParameterizedTest
    @ValueSource(strings = {"queueDepth", "queue_depth", "QueueDepth", "pendingRequests", "pending_requests"})
    void queueDepthAliases(final String name) {
        assertThat(readWith("\"" + name + "\": 17").getQueueDepth()).isEqualTo(17);
    }

    @ParameterizedTest
    @ValueSource(strings = {"targetModel", "target_model", "TargetModel"})
    void targetModelAliases(final String name) {
        assertThat(readWith("\"" + name + "\": \"m.tar.gz\"").getTargetModel()).isEqualTo("m.tar.gz");
    }

    @ParameterizedTest
    @CsvSource({"inputTokens,outputTokens", "input_tokens,output_tokens", "prompt_tokens,completion_tokens",
            "promptTokens,completionTokens", "input_tokens,generated_tokens"})
    void tokenAliases(final String input, final String output) {
        final RequestLog log = readWith("\"" + input + "\": 300, \"" + output + "\": 40");
        assertThat(log.getInputTokens()).isEqualTo(300);
        assertThat(log.getOutputTokens()).isEqualTo(40);
    }

    @Test
    void tokensMayComeInAnOpenAiUsageObject() {
        final RequestLog log = readWith("\"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 7, \"total_tokens\": 19}");
        assertThat(log.getInputTokens()).isEqualTo(12);
        assertThat(log.getOutputTokens()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} µs")
    @CsvSource({
            "modelLatencyMicros, 1500, 1500", "model_latency_micros, 1500, 1500", "modelLatencyUs, 1500, 1500",
            "model_latency_us, 1500, 1500", "ModelLatency, 1500, 1500",
            "modelLatencyMs, 1.5, 1500", "model_latency_ms, 1.5, 1500"})
    void modelLatencyAliasesAndUnits(final String name, final String value, final long micros) {
        final RequestLog log = read("{\"endpoint\": \"e\", " + TIME + ", \"" + name + "\": " + value + "}");
        assertThat(log.getModelLatencyMicros()).isEqualTo(micros);
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} µs")
    @CsvSource({
            "overheadLatencyMicros, 700, 700", "overhead_latency_micros, 700, 700", "overheadLatencyUs, 700, 700",
            "overhead_latency_us, 700, 700", "OverheadLatency, 700, 700",
            "overheadLatencyMs, 0.7, 700", "overhead_latency_ms, 0.7, 700"})
    void overheadLatencyAliasesAndUnits(final String name, final String value, final long micros) {
        final RequestLog log = read("{\"endpoint\": \"e\", " + TIME + ", \"modelLatencyMicros\": 5, \"" + name + "\": " + value + "}");
        assertThat(log.getOverheadLatencyMicros()).isEqualTo(micros);
        assertThat(log.getModelLatencyMicros()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} µs")
    @CsvSource({
            "latency_ms, 12.5, 12500", "latencyMs, 12.5, 12500", "latency, 12.5, 12500", "duration_ms, 12.5, 12500",
            "durationMs, 12.5, 12500", "duration, 12.5, 12500", "responseLatency, 12.5, 12500",
            "latency_us, 12500, 12500", "latencyUs, 12500, 12500", "latencyMicros, 12500, 12500",
            "latency_s, 0.0125, 12500", "latencySeconds, 0.0125, 12500", "request_time, 0.0125, 12500"})
    void totalLatencyAliasesAndUnits(final String name, final String value, final long micros) {
        final RequestLog log = read("{\"endpoint\": \"e\", " + TIME + ", \"" + name + "\": " + value + "}");
        assertThat(log.getModelLatencyMicros()).isEqualTo(micros);
        assertThat(log.getOverheadLatencyMicros()).isZero();
    }

    @Test
    void nginxSendsNumbersAsText() {
        final RequestLog log = read("{\"endpoint\": \"e\", \"time_iso8601\": \"2026-11-23T10:00:00+00:00\", \"request_time\": \"0.250\", \"status\": \"200\"}");
        assertThat(log.getModelLatencyMicros()).isEqualTo(250_000);
        assertThat(log.getTimestamp()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void aTotalLatencyWithAnOverheadLeavesTheRestToTheModel() {
        final RequestLog log = read("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 10, \"overheadLatencyMicros\": 2000}");
        assertThat(log.getModelLatencyMicros()).isEqualTo(8_000);
        assertThat(log.getOverheadLatencyMicros()).isEqualTo(2_000);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "timestamp | 1763892000000", "timestamp | \"1763892000000\"", "timestamp | \"2025-11-23T10:00:00Z\"",
            "timestamp | \"2025-11-23T11:00:00+01:00\"", "timestamp | \"2025-11-23 10:00:00.000\"",
            "timestampMillis | 1763892000000", "timestamp_ms | 1763892000000", "time | 1763892000000", "ts | 1763892000000",
            "@timestamp | \"2025-11-23T10:00:00.000Z\"", "arrivalTime | 1763892000000", "arrival_time | \"2025-11-23T10:00:00Z\"",
            "start_time | \"2025-11-23T10:00:00.000Z\"", "time_iso8601 | \"2025-11-23T10:00:00+00:00\"",
            "requestTimeEpoch | 1763892000000", "requestTime | \"23/Nov/2025:10:00:00 +0000\"",
            "timestamp_s | 1763892000", "epochSeconds | 1763892000", "msec | 1763892000.000", "msec | \"1763892000.000\""})
    void timestampAliasesAndForms(final String name, final String value) {
        final RequestLog log = read("{\"endpoint\": \"e\", \"" + name + "\": " + value + ", \"latency_ms\": 1}");
        assertThat(log.getTimestamp()).isEqualTo(Instant.parse("2025-11-23T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 123, 289, 999})
    void subSecondEpochSecondsKeepTheirMilliseconds(final int millis) {
        final String seconds = "1763892000." + String.format("%03d", millis);
        final RequestLog log = read("{\"endpoint\": \"e\", \"msec\": " + seconds + ", \"latency_ms\": 1}");
        assertThat(log.getTimestamp()).isEqualTo(Instant.parse("2025-11-23T10:00:00Z").plusMillis(millis));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertRejected("{" + TIME + ", \"latency_ms\": 1}", ReasonCode.MISSING_FIELD, "endpoint is missing");
        assertRejected("{\"endpoint\": \"e\", \"latency_ms\": 1}", ReasonCode.MISSING_FIELD, "timestamp is missing");
        assertRejected("{\"endpoint\": \"e\", " + TIME + "}", ReasonCode.MISSING_FIELD, "no latency");
        assertRejected("{\"endpoint\": null, " + TIME + ", \"latency_ms\": 1}", ReasonCode.MISSING_FIELD, "endpoint");
    }

    @Test
    void wrongTypesAreNamed() {
        assertRejected("{\"endpoint\": 42, " + TIME + ", \"latency_ms\": 1}", ReasonCode.WRONG_TYPE, "endpoint must be a string");
        assertRejected("{\"endpoint\": {\"name\": \"e\"}, " + TIME + ", \"latency_ms\": 1}", ReasonCode.WRONG_TYPE, "endpoint");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": \"fast\"}", ReasonCode.WRONG_TYPE, "latency_ms must be a number");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": true}", ReasonCode.WRONG_TYPE, "latency_ms");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": [1]}", ReasonCode.WRONG_TYPE, "latency_ms");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1, \"statusCode\": 200.5}", ReasonCode.WRONG_TYPE, "statusCode");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1, \"queueDepth\": 1e12}", ReasonCode.WRONG_TYPE, "queueDepth");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1, \"requestId\": {}}", ReasonCode.WRONG_TYPE, "requestId");
        assertRejected("{\"endpoint\": \"e\", \"timestamp\": true, \"latency_ms\": 1}", ReasonCode.WRONG_TYPE, "timestamp");
    }

    @Test
    void nanAndInfinityAreNotLatencies() {
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": NaN}", ReasonCode.NON_FINITE_NUMBER, "latency_ms");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": \"NaN\"}", ReasonCode.NON_FINITE_NUMBER, "latency_ms");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": -Infinity}", ReasonCode.NON_FINITE_NUMBER, "latency_ms");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1e400}", ReasonCode.NON_FINITE_NUMBER, "latency_ms");
    }

    @Test
    void absurdLatenciesSaturateInsteadOfWrapping() {
        assertThat(readWith("\"modelLatencyMs\": 1e300").getModelLatencyMicros()).isEqualTo(Long.MAX_VALUE);
        assertThat(readWith("\"modelLatencyMs\": -1e300").getModelLatencyMicros()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void unreadableTimestampTextIsNamed() {
        assertRejected("{\"endpoint\": \"e\", \"timestamp\": \"yesterday\", \"latency_ms\": 1}", ReasonCode.INVALID_TIMESTAMP, "ISO-8601");
    }

    @Test
    void aliasesThatDisagreeAreRejected() {
        assertRejected("{\"endpoint\": \"a\", \"endpointName\": \"b\", " + TIME + ", \"latency_ms\": 1}",
                ReasonCode.CONFLICTING_FIELDS, "endpoint and endpointName");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1, \"latency_us\": 2000}",
                ReasonCode.CONFLICTING_FIELDS, "latency_ms and latency_us");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"ts\": 5, \"latency_ms\": 1}", ReasonCode.CONFLICTING_FIELDS, "timestamp and ts");
    }

    @Test
    void aliasesThatAgreeAreFine() {
        assertThat(readWith("\"latency_us\": 10000, \"endpointName\": \"fraud-model\"").getModelLatencyMicros()).isEqualTo(10_000);
    }

    @Test
    void malformedJsonIsInvalid() {
        assertRejected("{\"endpoint\": \"e\", " + TIME, ReasonCode.INVALID_JSON, "not well-formed");
        assertRejected("{\"endpoint\": \"e\", \"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1}", ReasonCode.INVALID_JSON, "Duplicate field");
        assertRejected("{\"endpoint\": \"e\", " + TIME + ", \"latency_ms\": 1} {}", ReasonCode.INVALID_JSON, "not well-formed");
        assertRejected("{'endpoint': 'e'}", ReasonCode.INVALID_JSON, "not well-formed");
        assertThatThrownBy(() -> reader.read(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "x"))
                .isInstanceOfSatisfying(RejectedRecordException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_JSON));
    }

    @Test
    void onlyObjectsAreRequestLogs() {
        assertRejected("[{\"endpoint\": \"e\"}]", ReasonCode.NOT_A_JSON_OBJECT, "array");
        assertRejected("\"hello\"", ReasonCode.NOT_A_JSON_OBJECT, "string");
        assertRejected("42", ReasonCode.NOT_A_JSON_OBJECT, "number");
        assertRejected("null", ReasonCode.NOT_A_JSON_OBJECT, "null");
    }
}
