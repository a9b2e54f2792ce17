package io.streamscale.ingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestLogProducerIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void everyLogArrivesOnceKeyedAndInOrderPerEndpointVariantAfterClose() {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 3);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        final long start = System.currentTimeMillis();
        final List<RequestLog> logs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            logs.add(RequestLog.newBuilder().setEndpoint("model-" + (i % 4)).setVariant(i % 2 == 0 ? "blue" : "green")
                    .setRequestId("r-" + i).setTimestamp(Instant.ofEpochMilli(start + i)).setModelLatencyMicros(1_000 + i).build());
        }

        // No flush: close must deliver what is still batched.
        try (RequestLogProducer producer = new RequestLogProducer(props, topics)) {
            logs.forEach(producer::send);
        }

        final List<ConsumerRecord<String, RequestLog>> received = consumeAll(topics, logs.size());
        assertThat(received).hasSize(logs.size());
        assertThat(received).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getEndpoint() + "/" + r.value().getVariant()));
        assertThat(received).extracting(r -> r.value().getRequestId()).doesNotHaveDuplicates();
        final Map<String, List<Long>> timesByKey = received.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> r.value().getTimestamp().toEpochMilli(), Collectors.toList())));
        timesByKey.values().forEach(times -> assertThat(times).isSorted());
        assertThat(received).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(r.value().getTimestamp().toEpochMilli()));
    }

    private static List<ConsumerRecord<String, RequestLog>> consumeAll(final Topics topics, final int expected) {
        final List<ConsumerRecord<String, RequestLog>> received = new ArrayList<>();
        try (KafkaConsumer<String, RequestLog> consumer = new KafkaConsumer<>(KAFKA.consumerProps(), new StringDeserializer(),
                topics.requestLogs().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.rawRequestLogs().name()));
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // One more poll: anything beyond the expected count would be a duplicate.
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        }
        return received;
    }
}
