package io.streamscale.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.ingest.dlq.DeadLetters;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.serde.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestTopologyTest {

    private final Topics topics = new Topics("", Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://ingest-topology-test"));
    private final DeadLetterCounts counts = new DeadLetterCounts();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, RequestLog> accepted;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.putAll(IngestService.streamsOverrides(topics, counts));
        driver = new TopologyTestDriver(IngestTopology.build(topics, IngestConfig.DEFAULTS, counts), props);
        raw = driver.createInputTopic(topics.rawRequestLogs().name(), new ByteArraySerializer(), new ByteArraySerializer());
        accepted = driver.createOutputTopic(topics.requestLogs().name(), topics.requestLogs().keySerde().deserializer(),
                topics.requestLogs().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidRecordIsKeyedByEndpointVariantAndStampedWithItsArrivalTime() {
        final long arrival = System.currentTimeMillis() - 10_000;
        raw.pipeInput(new TestRecord<>(null, utf8("{\"endpointName\": \"fraud-model\", \"variantName\": \"blue\", \"timestamp\": "
                + arrival + ", \"latency_ms\": 12, \"request_id\": \"r-7\"}"), Instant.ofEpochMilli(arrival + 5_000)));

        final TestRecord<String, RequestLog> out = accepted.readRecord();
        assertThat(out.key()).isEqualTo(EndpointKey.of("fraud-model", "blue"));
        assertThat(out.value().getRequestId()).isEqualTo("r-7");
        assertThat(out.value().getModelLatencyMicros()).isEqualTo(12_000);
        assertThat(out.timestamp()).isEqualTo(arrival);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counts.accepted()).isEqualTo(1);
    }

    @Test
    void aRejectedRecordReachesTheDeadLetterTopicByteForByteWithItsReasonAndOrigin() {
        final byte[] key = {1, 2, 3, (byte) 0xff};
        final byte[] value = utf8("{\"endpoint\": \"fraud_model\", \"timestamp\": " + System.currentTimeMillis() + ", \"latency_ms\": 1}");
        final RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", utf8("00-abc-01"));
        raw.pipeInput(new TestRecord<>(key, value, headers, Instant.now()));

        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("INVALID_ENDPOINT_NAME");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.MESSAGE)).contains("fraud_model");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("inference-logs.raw");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(DeadLetters.header(dead.headers(), "traceparent")).isEqualTo("00-abc-01");
        assertThat(accepted.isEmpty()).isTrue();
        assertThat(counts.rejected(ReasonCode.INVALID_ENDPOINT_NAME)).isEqualTo(1);
    }

    @Test
    void aNullValueIsAnEmptyPayloadAndKeepsItsNull() {
        raw.pipeInput(utf8("k"), (byte[]) null);

        final TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isNull();
        assertThat(dead.key()).isEqualTo(utf8("k"));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).isEqualTo("EMPTY_PAYLOAD");
    }

    @Test
    void goodAndBadRecordsInterleavedEachGoOneWay() {
        final long now = System.currentTimeMillis();
        final List<String> values = List.of(
                "{\"endpoint\": \"a\", \"timestamp\": " + now + ", \"latency_ms\": 1}",
                "plain text, not a request log",
                "{\"endpoint\": \"b\", \"timestamp\": " + now + ", \"latency_ms\": 2, \"status\": 700}",
                "{\"endpoint\": \"a\", \"timestamp\": " + now + ", \"latency_ms\": 3}");
        values.forEach(v -> raw.pipeInput(utf8("x"), utf8(v)));

        assertThat(accepted.readValuesToList()).extracting(RequestLog::getModelLatencyMicros).containsExactly(1_000L, 3_000L);
        assertThat(deadLetters.readRecordsToList()).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON))
                .containsExactly("UNKNOWN_ENCODING", "INVALID_STATUS_CODE");
        assertThat(counts.rejectedByReason()).containsOnly(
                Map.entry(ReasonCode.UNKNOWN_ENCODING, 1L), Map.entry(ReasonCode.INVALID_STATUS_CODE, 1L));
        assertThat(streamsMetric("accepted-total", "all")).isEqualTo(2.0);
        assertThat(streamsMetric("rejected-total", "UNKNOWN_ENCODING")).isEqualTo(1.0);
        assertThat(streamsMetric("rejected-total", "INVALID_STATUS_CODE")).isEqualTo(1.0);
        assertThat(streamsMetric("rejected-total", "INVALID_JSON")).isEqualTo(0.0);
    }

    private double streamsMetric(final String name, final String ingestId) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-ingest-metrics") && e.getKey().name().equals(name)
                        && ingestId.equals(e.getKey().tags().get("ingest-id")))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    @Test
    void theRequestIdOfARecordWithoutOneComesFromItsSourceCoordinates() {
        raw.pipeInput(utf8("{\"endpoint\": \"a\", \"timestamp\": " + System.currentTimeMillis() + ", \"latency_ms\": 1}"));
        assertThat(accepted.readValue().getRequestId()).isEqualTo("inference-logs.raw-0-0");
    }
}
