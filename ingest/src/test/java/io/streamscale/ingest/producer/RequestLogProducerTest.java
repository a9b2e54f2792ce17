package io.streamscale.ingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RequestLogProducerTest {

    private static final Serializer<RequestLog> FAKE_AVRO = (topic, log) -> log.getRequestId().getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static RequestLog log(final String endpoint, final String variant) {
        return RequestLog.newBuilder().setEndpoint(endpoint).setVariant(variant).setRequestId("r")
                .setTimestamp(Instant.ofEpochMilli(1_000)).setModelLatencyMicros(5).build();
    }

    @Test
    void defaultsAreIdempotentBatchedAndCompressedAndTheCallerWins() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "x.Y");

        final Properties merged = RequestLogProducer.withDefaults(props);

        assertThat(merged).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65_536)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .doesNotContainKey(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    }

    @Test
    void recordsAreKeyedByEndpointVariantAndCarryTheirArrivalTime() {
        final MockProducer<String, RequestLog> mock = new MockProducer<>(true, null, new StringSerializer(), FAKE_AVRO);
        final RequestLogProducer producer = new RequestLogProducer(mock, "inference-logs.raw");

        final CompletableFuture<RecordMetadata> sent = producer.send(log("fraud-model", "blue"));

        assertThat(sent).isCompleted();
        assertThat(mock.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("inference-logs.raw");
            assertThat(r.key()).isEqualTo("fraud-model/blue");
            assertThat(r.timestamp()).isEqualTo(1_000L);
        });
        assertThat(producer.sent()).isEqualTo(1);
    }

    @Test
    void sendDoesNotWaitForTheBroker() {
        final MockProducer<String, RequestLog> mock = new MockProducer<>(false, null, new StringSerializer(), FAKE_AVRO);
        final RequestLogProducer producer = new RequestLogProducer(mock, "t");

        final CompletableFuture<RecordMetadata> pending = producer.send(log("a", "AllTraffic"));

        assertThat(pending).isNotDone();
        mock.completeNext();
        assertThat(pending).isCompleted();
    }

    @Test
    void failuresCompleteTheFutureInsteadOfThrowing() {
        final MockProducer<String, RequestLog> mock = new MockProducer<>(false, null, new StringSerializer(), FAKE_AVRO);
        final RequestLogProducer producer = new RequestLogProducer(mock, "t");

        final CompletableFuture<RecordMetadata> brokerError = producer.send(log("a", "AllTraffic"));
        mock.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));
        final CompletableFuture<RecordMetadata> unserialisable = producer.send(new RequestLog());
        producer.close();
        final CompletableFuture<RecordMetadata> afterClose = producer.send(log("a", "AllTraffic"));

        assertThat(brokerError).isCompletedExceptionally();
        assertThat(unserialisable).isCompletedExceptionally();
        assertThat(afterClose).isCompletedExceptionally();
        assertThat(producer.failed()).isEqualTo(3);
    }
}
