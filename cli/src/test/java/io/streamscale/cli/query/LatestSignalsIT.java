package io.streamscale.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.cli.ops.OpsServer;
import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.SignalTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of the signal service split the endpoints between them; either one answers for
 * every endpoint over HTTP, asking the other for the keys it does not own.
 */
class LatestSignalsIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Twelve endpoints whose keys fall on all four partitions (murmur2), so both instances own some. */
    private static final List<String> ENDPOINTS = java.util.stream.IntStream.range(0, 12)
            .mapToObj(i -> String.format("model-%02d", i)).toList();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eitherInstanceAnswersForEveryEndpoint() throws Exception {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topics topics = KAFKA.stack().createTopics(prefix, 4);
        final String appId = prefix + "signals";
        final List<Instance> instances = new ArrayList<>();
        try {
            instances.add(new Instance(topics, appId));
            instances.add(new Instance(topics, appId));
            awaitRunning(instances);

            final long start = (System.currentTimeMillis() / 10_000) * 10_000 - 120_000;
            try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(),
                    topics.requestLogs().valueSerde().serializer())) {
                for (final String endpoint : ENDPOINTS) {
                    // Three windows of traffic; the third only moves stream time past the first two's grace.
                    for (int i = 0; i < 30; i++) {
                        producer.send(record(topics, endpoint, start + i * 1_000L, 20 + i));
                    }
                }
            }

            final Set<String> seen = new HashSet<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < ENDPOINTS.size() && System.nanoTime() < deadline) {
                seen.clear();
                final JsonNode all = JSON.readTree(get(instances.get(0), "/signals"));
                all.forEach(s -> seen.add(s.get("endpoint").asText()));
                Thread.sleep(200);
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ENDPOINTS);

            final Set<String> ownedByFirst = new HashSet<>();
            JSON.readTree(get(instances.get(0), "/signals?scope=local")).forEach(s -> ownedByFirst.add(s.get("endpoint").asText()));
            assertThat(ownedByFirst).as("the second instance owns some endpoints").hasSizeLessThan(ENDPOINTS.size());

            for (final String endpoint : ENDPOINTS) {
                for (final Instance instance : instances) {
                    final JsonNode one = JSON.readTree(get(instance, "/signals/" + endpoint + "/AllTraffic"));
                    assertThat(one.get("endpoint").asText()).isEqualTo(endpoint);
                    // The latest closed window: one with traffic, or a zero window once the wall clock
                    // has moved the quiet partitions' stream time on (docs/SIGNALS.md).
                    assertThat(one.get("windowStart").asLong()).isGreaterThanOrEqualTo(start);
                    assertThat(one.has("p95LatencyMs")).isTrue();
                    assertThat(one.has("latencyHistogram")).isFalse();
                }
            }
        } finally {
            instances.forEach(Instance::close);
        }
    }

    private static ProducerRecord<String, RequestLog> record(final Topics topics, final String endpoint, final long time, final long latencyMs) {
        return new ProducerRecord<>(topics.requestLogs().name(), EndpointKey.of(endpoint, "AllTraffic"), RequestLog.newBuilder()
                .setEndpoint(endpoint).setVariant("AllTraffic").setRequestId(endpoint + "-" + time)
                .setTimestamp(Instant.ofEpochMilli(time)).setModelLatencyMicros(latencyMs * 1_000).setOverheadLatencyMicros(0L)
                .setStatusCode(200).build());
    }

    private String get(final Instance instance, final String path) throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + instance.ops.port() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Both RUNNING and each owning active tasks, so the endpoints are split between them. */
    private static void awaitRunning(final List<Instance> instances) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !instances.stream().allMatch(i -> i.streams.state() == KafkaStreams.State.RUNNING
                && i.streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty()))) {
            Thread.sleep(100);
        }
        assertThat(instances).as("both instances run with active tasks").allSatisfy(i ->
                assertThat(i.streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty())).isTrue());
    }

    private static final class Instance implements AutoCloseable {
        final OpsServer ops = OpsServer.start("localhost", 0);
        final KafkaStreams streams;

        Instance(final Topics topics, final String appId) throws Exception {
            final Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("iq").toString());
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + ops.port());
            props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
            // Both start empty: let the assignor count either as caught up, so tasks are split at once
            // instead of after a probing rebalance.
            props.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.MAX_VALUE);
            props.putAll(KAFKA.serdeConfig());
            streams = new KafkaStreams(SignalTopology.build(topics, SignalConfig.DEFAULTS), props);
            new LatestSignals(streams, SignalTopology.LATEST_SIGNALS_STORE, new HostInfo("localhost", ops.port())).register(ops);
            streams.start();
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(20));
            ops.close();
        }
    }
}
