package io.streamscale.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.StreamScaleCommand;
import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.ingest.trace.TraceReader;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamscale replay} against the in-process broker: every record read is published, keyed, in order per endpoint. */
class ReplayCommandIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @TempDir
    Path dir;

    private final StringWriter stderr = new StringWriter();

    private int replay(final Topics topics, final String... args) {
        final CommandLine command = StreamScaleCommand.commandLine();
        command.setErr(new PrintWriter(stderr, true));
        final List<String> all = new ArrayList<>(List.of("replay", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--schema-registry-url", KAFKA.schemaRegistryUrl(), "--topic-prefix", topics.prefix()));
        all.addAll(List.of(args));
        return command.execute(all.toArray(String[]::new));
    }

    /** A DESIGN.md CSV trace of three endpoints interleaved over 30 s of trace time. */
    private Path designTrace(final int lines) throws IOException {
        final StringBuilder csv = new StringBuilder("timestamp,endpoint,variant,latency_ms,status,queue_depth\n");
        final long start = 1_700_000_000_000L;
        for (int i = 0; i < lines; i++) {
            csv.append(start + i * 30_000L / lines).append(",model-").append(i % 3).append(',').append(i % 2 == 0 ? "" : "blue")
               .append(',').append(5 + i % 40).append(",200,").append(i % 5).append('\n');
        }
        final Path file = dir.resolve("design.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static List<RequestLog> read(final Path trace) {
        try (Stream<RequestLog> logs = TraceReader.read(trace)) {
            return logs.toList();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consume(final String topic, final int expected) {
        final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProps(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    /** Request ids per key in the order they arrived. */
    private static Map<String, List<String>> idsByKey(final List<ConsumerRecord<String, byte[]>> records,
                                                      final java.util.function.Function<byte[], RequestLog> decode) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(
                r -> decode.apply(r.value()).getRequestId(), Collectors.toList())));
    }

    private static Map<String, List<String>> expectedIdsByKey(final List<RequestLog> logs) {
        return logs.stream().collect(Collectors.groupingBy(l -> l.getEndpoint() + "/" + l.getVariant(),
                Collectors.mapping(RequestLog::getRequestId, Collectors.toList())));
    }

    @Test
    void asFastAsPossibleEveryLineIsPublishedKeyedAndInOrderPerEndpointAsJson() throws IOException {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 3);
        final Path trace = designTrace(900);
        final List<RequestLog> expected = read(trace);

        final int exit = replay(topics, trace.toString(), "--max");

        assertThat(exit).as(stderr.toString()).isZero();
        final List<ConsumerRecord<String, byte[]>> records = consume(topics.rawRequestLogs().name(), expected.size());
        assertThat(records).hasSize(expected.size());
        final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        final Map<String, List<String>> ids = idsByKey(records, bytes -> {
            try {
                final var node = json.readTree(bytes);
                return RequestLog.newBuilder().setEndpoint(node.get("endpoint").asText()).setVariant(node.get("variant").asText())
                        .setRequestId(node.get("requestId").asText()).setTimestamp(java.time.Instant.ofEpochMilli(node.get("timestamp").asLong()))
                        .setModelLatencyMicros(node.get("modelLatencyMicros").asLong()).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ids).isEqualTo(expectedIdsByKey(expected));
        assertThat(stderr.toString()).contains("900/900").contains("ev/s").contains("Published 900 records");
    }

    @Test
    void pacedReplayOfTheDemoSliceAsAvroKeepsEveryRecordAndItsOrder() throws IOException {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 3);
        final Path slice = dir.resolve("slice.csv");
        try (var in = TraceReader.class.getClassLoader().getResourceAsStream("traces/" + TraceReader.DEMO_TRACE)) {
            // The first 120 requests of the demo slice: about 45 s of trace time, replayed at 100x.
            final List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(121).toList();
            Files.write(slice, lines);
        }
        final List<RequestLog> expected = read(slice);

        final int exit = replay(topics, slice.toString(), "--speed", "100", "--format", "avro");

        assertThat(exit).as(stderr.toString()).isZero();
        final List<ConsumerRecord<String, byte[]>> records = consume(topics.rawRequestLogs().name(), expected.size());
        final var avro = topics.requestLogs().valueSerde().deserializer();
        final List<RequestLog> published = records.stream().map(r -> avro.deserialize(r.topic(), r.value())).toList();
        assertThat(published).extracting(RequestLog::getRequestId)
                .containsExactlyElementsOf(expected.stream().map(RequestLog::getRequestId).toList());
        assertThat(published).extracting(RequestLog::getModelLatencyMicros)
                .containsExactlyElementsOf(expected.stream().map(RequestLog::getModelLatencyMicros).toList());
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("azure-llm-code/AllTraffic"));
        // Scaled timestamps: the trace's spacing divided by the speed, starting at the replay.
        final long traceSpan = expected.get(expected.size() - 1).getTimestamp().toEpochMilli() - expected.get(0).getTimestamp().toEpochMilli();
        final long publishedSpan = published.get(published.size() - 1).getTimestamp().toEpochMilli() - published.get(0).getTimestamp().toEpochMilli();
        assertThat(publishedSpan).isBetween(traceSpan / 100 - 1, traceSpan / 100 + 1);
        assertThat(records).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(avro.deserialize(r.topic(), r.value()).getTimestamp().toEpochMilli()));
    }

    @Test
    void rawFileLinesArePublishedVerbatim() throws IOException {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 2);
        final byte[] file = ("{\"endpoint\": \"m\", \"variant\": \"v\", \"latency_ms\": 3}\n"
                + "not json at all\n"
                + "\n"
                + "{\"EndpointName\": \"m\"}\n").getBytes(StandardCharsets.UTF_8);
        final byte[] withGarbage = new byte[file.length + 3];
        System.arraycopy(file, 0, withGarbage, 0, file.length);
        withGarbage[file.length] = (byte) 0xff;
        withGarbage[file.length + 1] = (byte) 0xfe;
        withGarbage[file.length + 2] = '\n';
        final Path raw = dir.resolve("raw.txt");
        Files.write(raw, withGarbage);

        final int exit = replay(topics, "--raw", raw.toString(), "--quiet");

        assertThat(exit).as(stderr.toString()).isZero();
        final List<ConsumerRecord<String, byte[]>> records = consume(topics.rawRequestLogs().name(), 5);
        assertThat(records).hasSize(5);
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(
                "{\"endpoint\": \"m\", \"variant\": \"v\", \"latency_ms\": 3}".getBytes(StandardCharsets.UTF_8),
                "not json at all".getBytes(StandardCharsets.UTF_8), new byte[0],
                "{\"EndpointName\": \"m\"}".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThat(records).filteredOn(r -> r.key() != null).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("m/v", "m/AllTraffic");
    }

    @Test
    void topicOverrideAndLimitAreHonoured() throws IOException {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 1);
        final Path trace = designTrace(50);

        final int exit = replay(topics, trace.toString(), "--max", "--limit", "20", "--format", "avro",
                "--topic", topics.requestLogs().name());

        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(consume(topics.requestLogs().name(), 20)).hasSize(20);
    }

    @Test
    void badArgumentsAreRefusedNamingTheOption() throws IOException {
        final Topics topics = KAFKA.stack().topics(EmbeddedStackExtension.uniquePrefix());
        assertThat(replay(topics)).isEqualTo(2);
        assertThat(stderr.toString()).contains("TRACE").contains("--raw");
        assertThat(replay(topics, designTrace(3).toString(), "--speed", "-1")).isEqualTo(2);
        assertThat(stderr.toString()).contains("--speed");
        final Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timestamp,endpoint,latency_ms\n1,a,fast\n");
        assertThat(replay(topics, bad.toString(), "--max")).isEqualTo(1);
        assertThat(stderr.toString()).contains("nothing published: bad:2: latency_ms");
    }
}
