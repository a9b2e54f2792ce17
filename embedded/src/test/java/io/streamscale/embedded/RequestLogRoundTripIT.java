package io.streamscale.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RequestLog records survive a trip through a real broker with the project's serdes and registry. */
class RequestLogRoundTripIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void recordsProducedWithTheSerializerAreConsumedEqual() {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 3);
        final Topic<String, RequestLog> logs = topics.requestLogs();
        final List<RequestLog> sent = IntStream.range(0, 200).mapToObj(i -> RequestLog.newBuilder()
                .setEndpoint("endpoint-" + (i % 4)).setVariant(i % 2 == 0 ? "AllTraffic" : "canary")
                .setRequestId("r-" + i).setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setModelLatencyMicros(1_000L * i).setOverheadLatencyMicros(100).setStatusCode(i % 10 == 0 ? 503 : 200)
                .setQueueDepth(i % 3 == 0 ? null : i).setTargetModel(i % 5 == 0 ? "model-a" : null).build()).toList();

        try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(KAFKA.producerProps(),
                logs.keySerde().serializer(), logs.valueSerde().serializer())) {
            sent.forEach(r -> producer.send(new ProducerRecord<>(logs.name(), EndpointKey.of(r.getEndpoint(), r.getVariant()), r)));
        }

        final List<RequestLog> received = new ArrayList<>();
        try (KafkaConsumer<String, RequestLog> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                logs.keySerde().deserializer(), logs.valueSerde().deserializer())) {
            consumer.subscribe(List.of(logs.name()));
            final long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < sent.size() && System.currentTimeMillis() < deadline) {
                for (final ConsumerRecord<String, RequestLog> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo(EndpointKey.of(record.value().getEndpoint(), record.value().getVariant()));
                    received.add(record.value());
                }
            }
        }

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(KAFKA.stack().schemaRegistry().registry().subjects()).contains(logs.name() + "-value");
    }
}
