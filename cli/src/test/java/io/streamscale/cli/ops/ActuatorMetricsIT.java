package io.streamscale.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.actuator.Actuator;
import io.streamscale.actuator.ActuatorConfig;
import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The actuator service's health and metrics over HTTP: ready once assigned, outcomes counted, AWS timers present. */
class ActuatorMetricsIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void readyWhenAssignedAndOutcomesAndAwsTimersScraped() throws Exception {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topics topics = KAFKA.stack().createTopics(prefix, 1);
        final HttpClient http = HttpClient.newHttpClient();
        final ActuatorConfig config = ActuatorConfig.builder(KAFKA.bootstrapServers(), KAFKA.schemaRegistryUrl())
                .topicPrefix(prefix).groupId(prefix + "actuator").dryRun(true).build();

        try (OpsServer ops = OpsServer.start("127.0.0.1", 0); Actuator actuator = Actuator.start(config)) {
            ActuatorMetrics.bind(actuator, ops);
            assertThat(actuator.awaitAssignment(Duration.ofSeconds(60))).isTrue();
            assertThat(get(http, ops, "/health/ready").statusCode()).isEqualTo(200);

            try (KafkaProducer<String, ScalingDecision> producer = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(),
                    topics.decisions().valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.decisions().name(), "fraud-model/AllTraffic", ScalingDecision.newBuilder()
                        .setDecisionId("d-1").setEndpoint("fraud-model").setVariant("AllTraffic").setDecidedAt(Instant.now())
                        .setFrom(2).setTo(4).setDirection(Direction.SCALE_OUT).setPolicy("test").setConstraints(List.of())
                        .setReason("p95 412 ms > 300 ms for 30 s; target tracking 2→4").setSignals(java.util.Map.of()).build()));
            }
            final long deadline = System.currentTimeMillis() + 60_000;
            String metrics = "";
            while (!metrics.contains("streamscale_actuator_outcomes_total{outcome=\"DRY_RUN\"} 1.0") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                metrics = get(http, ops, "/metrics").body();
            }
            assertThat(metrics).contains("streamscale_actuator_outcomes_total{outcome=\"DRY_RUN\"} 1.0",
                    "streamscale_aws_calls_seconds_count{operation=\"SageMaker.DescribeEndpoint\",result=\"success\"} 0",
                    "streamscale_aws_calls_seconds_sum{operation=\"CloudWatch.PutMetricData\",result=\"failure\"}");
        }
    }

    private static HttpResponse<String> get(final HttpClient http, final OpsServer ops, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
