package io.streamscale.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded broker runs transactions: a Kafka Streams app with exactly_once_v2 works on it. */
class ExactlyOnceStreamsIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void exactlyOnceV2StreamsAppProcessesEveryRecordOnce() throws Exception {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topics topics = KAFKA.stack().createTopics(prefix, 2);
        final Topic<String, RequestLog> logs = topics.requestLogs();
        final String slowRequests = prefix + "slow-request-ids";
        KAFKA.stack().kafka().createTopic(slowRequests, 2);

        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(logs.name(), Consumed.with(logs.keySerde(), logs.valueSerde()).withName("request-logs"))
                .filter((key, log) -> log.getModelLatencyMicros() > 50_000, Named.as("slow-only"))
                .mapValues(RequestLog::getRequestId, Named.as("request-id"))
                .to(slowRequests, Produced.with(Serdes.String(), Serdes.String()).withName("slow-request-ids"));

        try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(KAFKA.producerProps(),
                logs.keySerde().serializer(), logs.valueSerde().serializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(logs.name(), "e/AllTraffic", RequestLog.newBuilder().setEndpoint("e")
                        .setRequestId("r-" + i).setTimestamp(Instant.ofEpochMilli(i)).setModelLatencyMicros(i * 1_000L).build()));
            }
        }

        final List<String> ids = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), KAFKA.streamsProps(prefix + "eos-app"));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                     Serdes.String().deserializer(), Serdes.String().deserializer())) {
            streams.start();
            consumer.subscribe(List.of(slowRequests));
            final long deadline = System.currentTimeMillis() + 60_000;
            while (ids.size() < 49 && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> ids.add(r.value()));
            }
            // Anything beyond the 49 expected ids would be a duplicate: give it a moment to show up.
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> ids.add(r.value()));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }

        assertThat(ids).hasSize(49).doesNotHaveDuplicates().allMatch(id -> Integer.parseInt(id.substring(2)) > 50);
    }
}
