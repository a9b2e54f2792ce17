package io.streamscale.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once v2 while ingest instances come and go: records flow while a second instance joins
 * (a rebalance moves tasks mid-stream) and the first one leaves; every good record is on
 * inference-logs once and every bad one on the DLQ once.
 */
class ExactlyOnceIngestIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    private static final int PER_PHASE = 600;

    @Test
    void noRecordIsLostOrDuplicatedAcrossRebalancesAndAHandOver() throws Exception {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 3);
        final String applicationId = "ingest-eos-" + UUID.randomUUID();
        final long now = System.currentTimeMillis();
        int sequence = 0;

        final RunningIngest first = new RunningIngest(KAFKA, topics, applicationId, IngestConfig.DEFAULTS);
        final RunningIngest second;
        try (KafkaProducer<byte[], byte[]> producer = first.rawProducer()) {
            sequence = publish(producer, topics, sequence, now);                 // first alone
            second = new RunningIngest(KAFKA, topics, applicationId, IngestConfig.DEFAULTS);
            sequence = publish(producer, topics, sequence, now);                 // both, after a rebalance
            first.close();
            sequence = publish(producer, topics, sequence, now);                 // second alone, after a hand-over
            producer.flush();
        }
        final int total = sequence;
        final int bad = total / 10;
        try {
            final List<ConsumerRecord<byte[], byte[]>> accepted = second.readUntil(topics.requestLogs().name(),
                    read -> read.size() >= total - bad);
            final List<ConsumerRecord<byte[], byte[]>> dead = second.readUntil(topics.deadLetters().name(),
                    read -> read.size() >= bad);

            final var avro = topics.requestLogs().valueSerde().deserializer();
            final Map<String, Integer> acceptedIds = new HashMap<>();
            accepted.forEach(r -> acceptedIds.merge(avro.deserialize(r.topic(), r.value()).getRequestId(), 1, Integer::sum));
            assertThat(acceptedIds).hasSize(total - bad);
            assertThat(acceptedIds.values()).containsOnly(1);
            final Map<String, Integer> deadValues = new HashMap<>();
            dead.forEach(r -> deadValues.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum));
            assertThat(deadValues).hasSize(bad);
            assertThat(deadValues.values()).containsOnly(1);
        } finally {
            second.close();
        }
    }

    /** One phase: PER_PHASE records over many endpoints, every tenth one bad. */
    private static int publish(final KafkaProducer<byte[], byte[]> producer, final Topics topics, final int from, final long now) {
        for (int i = from; i < from + PER_PHASE; i++) {
            final String endpoint = "model-" + i % 17;
            final String value = i % 10 == 9
                    ? "{\"endpoint\": \"" + endpoint + "\", \"timestamp\": " + now + ", \"latency_ms\": -" + i + "}"
                    : "{\"endpoint\": \"" + endpoint + "\", \"requestId\": \"r-" + i + "\", \"timestamp\": " + now + ", \"latency_ms\": 5}";
            producer.send(new ProducerRecord<>(topics.rawRequestLogs().name(), (endpoint + "/AllTraffic").getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        return from + PER_PHASE;
    }
}
