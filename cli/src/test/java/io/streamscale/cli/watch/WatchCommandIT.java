package io.streamscale.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.StreamScaleCommand;
import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code streamscale watch --once} against a real broker shows what is on the topics. */
class WatchCommandIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void showsEachEndpointsLatestSignalsCapacityAndDecision() throws Exception {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topics topics = KAFKA.stack().createTopics(prefix, 2);
        try (KafkaProducer<String, EndpointSignals> signals = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(),
                     topics.signals().valueSerde().serializer());
             KafkaProducer<String, ScalingDecision> decisions = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(),
                     topics.decisions().valueSerde().serializer());
             KafkaProducer<String, CapacityState> capacity = new KafkaProducer<>(KAFKA.producerProps(), new StringSerializer(),
                     topics.capacity().valueSerde().serializer())) {
            for (int i = 1; i <= 5; i++) {
                signals.send(new ProducerRecord<>(topics.signals().name(), "fraud-model/AllTraffic",
                        WatchTableTest.window("fraud-model", 1_700_000_000_000L + i * 10_000L, 10.0 * i, 100.0 * i, i)));
            }
            decisions.send(new ProducerRecord<>(topics.decisions().name(), "fraud-model/AllTraffic",
                    WatchTableTest.decision("fraud-model", 1_700_000_050_000L, 2, 5, "p95 500 ms > 300 ms for 30 s")));
            capacity.send(new ProducerRecord<>(topics.capacity().name(), "fraud-model/AllTraffic", CapacityState.newBuilder()
                    .setEndpoint("fraud-model").setCurrentCapacity(5).setDesiredCapacity(5).setUpdatedAt(Instant.now()).build()));
        }

        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = StreamScaleCommand.commandLine().execute("watch", "--once", "--bootstrap-servers", KAFKA.bootstrapServers(),
                    "--schema-registry-url", KAFKA.schemaRegistryUrl(), "--topic-prefix", prefix);
        } finally {
            System.setOut(stdout);
        }

        assertThat(exit).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("fraud-model/AllTraffic")
                .contains("50.0", "500", "2→5 p95 500 ms > 300 ms for 30 s");
    }
}
