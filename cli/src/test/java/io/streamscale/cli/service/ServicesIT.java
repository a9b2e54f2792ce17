package io.streamscale.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import io.streamscale.signals.policy.PolicyDocuments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code ingest} and {@code signals} services as an operator runs them, from one properties
 * file: raw JSON in, dead letters counted by reason, signals served over HTTP, a decision made and
 * counted in the metrics, both ready on their health endpoints.
 */
class ServicesIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rawLogsBecomeSignalsAndADecisionThroughTheServices() throws Exception {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topics topics = KAFKA.stack().createTopics(prefix, 2);
        final Path config = dir.resolve("streamscale.properties");
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + KAFKA.bootstrapServers(),
                "schema.registry.url=" + KAFKA.schemaRegistryUrl(),
                "topic.prefix=" + prefix,
                "application.id.prefix=" + prefix + "streamscale",
                "state.dir=" + dir.resolve("state"),
                "ops.host=127.0.0.1",
                "ops.port=0",
                "signals.idle.advance.after=PT2S", "") );

        final ScalingPolicy policy = PolicyDocuments.parse("""
                {"endpoint": "svc-model", "minCapacity": 1, "maxCapacity": 4,
                 "targetTracking": [{"TargetValue": 5, "CustomizedMetricSpecification": {"MetricName": "p95LatencyMs"}}],
                 "sustain": {"scaleOutSeconds": 10, "scaleInSeconds": 300}}
                """);
        try (KafkaProducer<String, ScalingPolicy> producer = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(),
                topics.policies().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.policies().name(), EndpointKey.of("svc-model", "AllTraffic"), policy)).get();
        }

        try (RunningService ingest = ((IngestCommand) command(new IngestCommand(), "--config", config.toString())).start();
             RunningService signals = ((SignalsCommand) command(new SignalsCommand(), "--config", config.toString(),
                     "--advertised-host", "127.0.0.1")).start()) {
            assertThat(ingest.awaitRunning(Duration.ofSeconds(90))).isTrue();
            assertThat(signals.awaitRunning(Duration.ofSeconds(90))).isTrue();
            assertThat(get(ingest, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(signals, "/health/ready").statusCode()).isEqualTo(200);

            final long now = System.currentTimeMillis();
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 300; i++) {
                    final long at = now - 60_000 + i * 200L;
                    raw.send(new ProducerRecord<>(topics.rawRequestLogs().name(), "svc-model/AllTraffic",
                            ("{\"endpoint\":\"svc-model\",\"requestId\":\"r-" + i + "\",\"timestamp\":" + at + ",\"latency_ms\":40}")
                                    .getBytes(StandardCharsets.UTF_8)));
                }
                raw.send(new ProducerRecord<>(topics.rawRequestLogs().name(), null, "{not json".getBytes(StandardCharsets.UTF_8)));
                raw.send(new ProducerRecord<>(topics.rawRequestLogs().name(), null,
                        ("{\"endpoint\":\"svc-model\",\"timestamp\":" + now + ",\"latency_ms\":-1}").getBytes(StandardCharsets.UTF_8)));
            }

            final String ingestMetrics = await(ingest, "/metrics", body -> deadLetters(body) >= 2);
            assertThat(deadLetters(ingestMetrics)).as("the two bad lines, nothing else").isEqualTo(2.0);

            final String latest = await(signals, "/signals/svc-model/AllTraffic", body -> body.contains("\"endpoint\":\"svc-model\""));
            assertThat(latest).contains("\"p95LatencyMs\"");
            final String signalMetrics = await(signals, "/metrics", body -> body.lines()
                    .anyMatch(l -> l.contains("scale_out_total") && l.contains("decisions") && !l.endsWith(" 0.0")));
            assertThat(signalMetrics).contains("component=\"signals\"", "component=\"decisions\"");
        }
    }

    /** Dead letters of every reason, from the Prometheus text. */
    private static double deadLetters(final String metrics) {
        return metrics.lines().filter(l -> l.startsWith("streamscale_ingest_dead_letters_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Object command(final Object command, final String... args) {
        final CommandLine line = new CommandLine(command);
        line.parseArgs(args);
        return line.getCommand();
    }

    private HttpResponse<String> get(final RunningService service, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.opsPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String await(final RunningService service, final String path, final Predicate<String> done) throws Exception {
        final long deadline = System.currentTimeMillis() + 90_000;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            final HttpResponse<String> response = get(service, path);
            body = response.body();
            if (response.statusCode() == 200 && done.test(body)) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No satisfying answer from " + path + " within 90 s; last: " + body);
    }
}
