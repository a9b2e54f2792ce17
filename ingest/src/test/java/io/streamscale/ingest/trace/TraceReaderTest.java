package io.streamscale.ingest.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.schemas.RequestLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    private static final TraceOptions NO_JITTER = new TraceOptions(null, null,
            new TokenServiceModel(20, 0.1, 20, 5, 0), null);

    @TempDir
    Path dir;

    private List<RequestLog> read(final String fileName, final String content) throws IOException {
        return read(fileName, content, TraceOptions.DEFAULTS);
    }

    private List<RequestLog> read(final String fileName, final String content, final TraceOptions options) throws IOException {
        final Path file = dir.resolve(fileName);
        Files.writeString(file, content);
        try (Stream<RequestLog> logs = TraceReader.read(file, options)) {
            return logs.toList();
        }
    }

    @Test
    void designCsvMapsEveryColumnAndFillsTheDefaults() throws IOException {
        final List<RequestLog> logs = read("t.csv", """
                timestamp,endpoint,variant,latency_ms,status,queue_depth
                1700000000000,fraud-model,blue,12.5,503,7
                2023-11-16T18:17:03.979Z,fraud-model,,40,,
                """);

        assertThat(logs).hasSize(2);
        final RequestLog first = logs.get(0);
        assertThat(first.getEndpoint()).isEqualTo("fraud-model");
        assertThat(first.getVariant()).isEqualTo("blue");
        assertThat(first.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(first.getModelLatencyMicros()).isEqualTo(12_500);
        assertThat(first.getOverheadLatencyMicros()).isZero();
        assertThat(first.getStatusCode()).isEqualTo(503);
        assertThat(first.getQueueDepth()).isEqualTo(7);
        assertThat(first.getRequestId()).isEqualTo("t-2");

        final RequestLog second = logs.get(1);
        assertThat(second.getTimestamp()).isEqualTo(Instant.parse("2023-11-16T18:17:03.979Z"));
        assertThat(second.getVariant()).isEqualTo("AllTraffic");
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(second.getQueueDepth()).isNull();
    }

    @Test
    void designCsvColumnsMayComeInAnyOrderAndOptionalOnesMayBeAbsent() throws IOException {
        final List<RequestLog> logs = read("t.csv", """
                endpoint,latency_ms,timestamp,request_id
                m,3,2023-11-16 18:17:03.9799600,abc
                """);

        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.getEndpoint()).isEqualTo("m");
            assertThat(log.getRequestId()).isEqualTo("abc");
            assertThat(log.getTimestamp()).isEqualTo(Instant.parse("2023-11-16T18:17:03.979Z"));
            assertThat(log.getModelLatencyMicros()).isEqualTo(3_000);
        });
    }

    @Test
    void designJsonLinesAcceptNumbersOrStringsAndIsoTimes() throws IOException {
        final List<RequestLog> logs = read("t.jsonl", """
                {"timestamp": 1700000000000, "endpoint": "a", "variant": "v1", "latency_ms": 8, "status": 200, "queue_depth": 3}

                {"timestamp": "2023-11-16T18:17:03+01:00", "endpoint": "b", "latency_ms": "2.25", "queue_depth": null}
                """);

        assertThat(logs).hasSize(2);
        assertThat(logs.get(0).getQueueDepth()).isEqualTo(3);
        assertThat(logs.get(0).getVariant()).isEqualTo("v1");
        assertThat(logs.get(1).getTimestamp()).isEqualTo(Instant.parse("2023-11-16T17:17:03Z"));
        assertThat(logs.get(1).getModelLatencyMicros()).isEqualTo(2_250);
        assertThat(logs.get(1).getVariant()).isEqualTo("AllTraffic");
        assertThat(logs.get(1).getRequestId()).isEqualTo("t-3");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsIgnored() throws IOException {
        assertThat(read("bom.jsonl", "\uFEFF{\"timestamp\": 5, \"endpoint\": \"a\", \"latency_ms\": 1}\n")).hasSize(1);
        assertThat(read("bom.csv", "\uFEFFtimestamp,endpoint,latency_ms\n5,a,1\n")).hasSize(1);
    }

    @Test
    void jsonLinesAcceptEveryShapeIngestAccepts() throws IOException {
        final List<RequestLog> logs = read("shapes.jsonl", String.join("\n",
                "{\"endpoint\": \"a\", \"variant\": \"AllTraffic\", \"requestId\": \"r1\", \"timestamp\": 1700000000000,"
                        + " \"modelLatencyMicros\": 900, \"overheadLatencyMicros\": 100, \"statusCode\": 200, \"queueDepth\": null,"
                        + " \"targetModel\": null, \"inputTokens\": null, \"outputTokens\": null}",
                "{\"EndpointName\": \"b\", \"timestamp\": \"2023-11-16T18:17:03Z\", \"ModelLatency\": 1500, \"OverheadLatency\": 300}",
                "{\"endpoint\": \"c\", \"time_iso8601\": \"2023-11-16T18:17:03+00:00\", \"request_time\": \"0.250\", \"status\": \"503\"}"));

        assertThat(logs).extracting(RequestLog::getModelLatencyMicros).containsExactly(900L, 1_500L, 250_000L);
        assertThat(logs).extracting(RequestLog::getOverheadLatencyMicros).containsExactly(100L, 300L, 0L);
        assertThat(logs).extracting(RequestLog::getRequestId).containsExactly("r1", "shapes-2", "shapes-3");
        assertThat(logs.get(2).getStatusCode()).isEqualTo(503);
    }

    @Test
    void aBadLineNamesTheFileTheLineAndTheField() {
        assertThatThrownBy(() -> read("bad.csv", """
                timestamp,endpoint,variant,latency_ms,status,queue_depth
                1700000000000,a,,5,,
                1700000000001,a,,-1,,
                """))
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("bad:3")
                .hasMessageContaining("latency_ms")
                .satisfies(e -> assertThat(((TraceException) e).field()).isEqualTo("latency_ms"));

        assertThatThrownBy(() -> read("bad.jsonl", "{\"timestamp\": \"yesterday\", \"endpoint\": \"a\", \"latency_ms\": 1}\n"))
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("timestamp")
                .hasMessageContaining("ISO-8601");

        assertThatThrownBy(() -> read("bad.jsonl", "{\"timestamp\": 1, \"endpoint\": \"a\", \"latency_ms\": \"NaN\"}\n"))
                .hasMessageContaining("latency_ms");
    }

    @Test
    void aCsvHeaderWithoutARequiredColumnIsRejectedNamingIt() {
        assertThatThrownBy(() -> read("h.csv", "timestamp,endpoint,status\n1,a,200\n"))
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("latency_ms");
    }

    @Test
    void anUnrecognisedFirstLineSaysWhichFormatsAreAccepted() {
        assertThatThrownBy(() -> read("x.txt", "hello world\n"))
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("timestamp,endpoint,variant,latency_ms,status,queue_depth");
    }

    @Test
    void azureTraceKeepsArrivalsAndDerivesLatencyFromTokens() throws IOException {
        final List<RequestLog> logs = read("azure.csv", """
                TIMESTAMP,ContextTokens,GeneratedTokens
                2023-11-16 18:17:03.9799600,4808,10
                2023-11-16 18:17:04.0319600,3180,8""", NO_JITTER);

        assertThat(logs).hasSize(2);
        final RequestLog first = logs.get(0);
        assertThat(first.getEndpoint()).isEqualTo("azure-llm-code");
        assertThat(first.getVariant()).isEqualTo("AllTraffic");
        assertThat(first.getTimestamp()).isEqualTo(Instant.parse("2023-11-16T18:17:03.979Z"));
        // 20 ms + 0.1 ms × 4808 + 20 ms × 10 = 700.8 ms
        assertThat(first.getModelLatencyMicros()).isEqualTo(700_800);
        assertThat(first.getOverheadLatencyMicros()).isEqualTo(5_000);
        assertThat(first.getInputTokens()).isEqualTo(4808);
        assertThat(first.getOutputTokens()).isEqualTo(10);
        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(logs.get(1).getTimestamp()).isEqualTo(Instant.parse("2023-11-16T18:17:04.031Z"));
    }

    @Test
    void adapterEndpointNameCanBeChosen() throws IOException {
        final List<RequestLog> logs = read("azure.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,1,1\n",
                TraceOptions.DEFAULTS.withEndpoint("code-assist"));

        assertThat(logs).singleElement().extracting(RequestLog::getEndpoint).isEqualTo("code-assist");
    }

    @Test
    void mooncakeRequestsSharingATimestampAreSpreadEvenlyAcrossTheirStep() throws IOException {
        final List<RequestLog> logs = read("moon.jsonl", """
                {"timestamp": 0, "input_length": 1000, "output_length": 10, "hash_ids": [0, 1]}
                {"timestamp": 0, "input_length": 2000, "output_length": 20, "hash_ids": [0]}
                {"timestamp": 0, "input_length": 3000, "output_length": 30, "hash_ids": []}
                {"timestamp": 3000, "input_length": 10, "output_length": 1, "hash_ids": []}
                {"timestamp": 3000, "input_length": 10, "output_length": 1, "hash_ids": []}
                """, NO_JITTER);

        final long epoch = TraceOptions.MOONCAKE_DEFAULT_EPOCH.toEpochMilli();
        assertThat(logs).extracting(log -> log.getTimestamp().toEpochMilli() - epoch)
                .containsExactly(0L, 1000L, 2000L, 3000L, 4500L);
        assertThat(logs).extracting(RequestLog::getEndpoint).containsOnly("mooncake-conversation");
        // 20 ms + 0.1 ms × 2000 + 20 ms × 20 = 620 ms
        assertThat(logs.get(1).getModelLatencyMicros()).isEqualTo(620_000);
        assertThat(logs.get(1).getInputTokens()).isEqualTo(2000);
    }

    @Test
    void mooncakeTraceMustBeSorted() {
        assertThatThrownBy(() -> read("moon.jsonl", """
                {"timestamp": 3000, "input_length": 1, "output_length": 1}
                {"timestamp": 0, "input_length": 1, "output_length": 1}
                """))
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("moon:2")
                .hasMessageContaining("sorted");
    }

    @Test
    void formatIsDetectedFromTheFirstLine() {
        assertThat(TraceFormat.detect("timestamp,endpoint,variant,latency_ms,status,queue_depth")).isEqualTo(TraceFormat.CSV);
        assertThat(TraceFormat.detect("TIMESTAMP,ContextTokens,GeneratedTokens")).isEqualTo(TraceFormat.AZURE_LLM);
        assertThat(TraceFormat.detect("{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 2}")).isEqualTo(TraceFormat.MOONCAKE);
        assertThat(TraceFormat.detect("{\"timestamp\": 0, \"endpoint\": \"a\", \"latency_ms\": 2}")).isEqualTo(TraceFormat.JSON_LINES);
    }

    @Test
    void bundledDemoSliceIsTenMinutesOfRisingAndFallingLoad() {
        final List<RequestLog> logs;
        try (Stream<RequestLog> stream = TraceReader.readResource(TraceReader.DEMO_TRACE)) {
            logs = stream.toList();
        }

        assertThat(logs).hasSize(2203);
        assertThat(logs).isSortedAccordingTo(java.util.Comparator.comparing(RequestLog::getTimestamp));
        assertThat(logs.get(logs.size() - 1).getTimestamp().toEpochMilli() - logs.get(0).getTimestamp().toEpochMilli())
                .isBetween(9 * 60_000L, 10 * 60_000L);
        final long start = Instant.parse("2023-11-16T18:34:00Z").toEpochMilli();
        final int[] perMinute = new int[11]; // clock minutes 18:34 .. 18:44
        logs.forEach(log -> perMinute[(int) ((log.getTimestamp().toEpochMilli() - start) / 60_000)]++);
        // quiet start (18:34), a peak (18:35-36), a trough (18:38), a higher peak (18:40), a quiet end (18:42-44)
        assertThat(perMinute[0]).isLessThan(50);
        assertThat(perMinute[1]).isGreaterThan(300);
        assertThat(perMinute[4]).isLessThan(100);
        assertThat(perMinute[6]).isGreaterThan(400);
        assertThat(perMinute[8]).isLessThan(50);
        assertThat(perMinute[10]).isLessThan(150);
        assertThat(logs).extracting(RequestLog::getEndpoint).containsOnly("azure-llm-code");
    }

    @Test
    void bundledTraceCanBeNamedWithItsFolder() {
        try (Stream<RequestLog> stream = TraceReader.readResource("traces/" + TraceReader.DEMO_TRACE)) {
            assertThat(stream.limit(3)).hasSize(3);
        }
        assertThatThrownBy(() -> TraceReader.readResource("nope.csv")).hasMessageContaining("traces/nope.csv");
    }
}
