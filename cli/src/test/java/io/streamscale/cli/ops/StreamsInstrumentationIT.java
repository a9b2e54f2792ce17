package io.streamscale.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real Streams app on the real broker: readiness follows its state, its metrics are scraped. */
class StreamsInstrumentationIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void readyOnceRunningAndKafkaStreamsMetricsExposed() throws Exception {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topics topics = KAFKA.stack().createTopics(prefix, 1);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.requestLogs().name(), Consumed.with(topics.requestLogs().keySerde(), topics.requestLogs().valueSerde()))
                .foreach((k, v) -> { }, Named.as("sink"));
        final HttpClient http = HttpClient.newHttpClient();

        try (OpsServer ops = OpsServer.start("127.0.0.1", 0);
             KafkaStreams streams = new KafkaStreams(builder.build(), KAFKA.streamsProps(prefix + "ops"))) {
            StreamsInstrumentation.instrument(ops, "signals", streams);
            final int before = get(http, ops, "/health/ready").statusCode();
            streams.start();
            final long deadline = System.currentTimeMillis() + 60_000;
            while (streams.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }

            assertThat(before).isEqualTo(503);
            assertThat(get(http, ops, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(http, ops, "/metrics").body()).contains("kafka_stream_", "component=\"signals\"");
        }
    }

    private static HttpResponse<String> get(final HttpClient http, final OpsServer ops, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
