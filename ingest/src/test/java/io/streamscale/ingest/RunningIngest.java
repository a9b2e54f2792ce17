package io.streamscale.ingest;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

/** The ingest topology running on the in-process broker, with its own topics, for broker tests. */
public final class RunningIngest implements AutoCloseable {

    private final Topics topics;
    private final DeadLetterCounts counts = new DeadLetterCounts();
    private final KafkaStreams streams;
    private final EmbeddedStackExtension kafka;

    public RunningIngest(final EmbeddedStackExtension kafka, final IngestConfig config, final int partitions) throws InterruptedException {
        this(kafka, kafka.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), partitions), "ingest-it-" + UUID.randomUUID(), config);
    }

    /** Another instance of an application on existing topics (same {@code applicationId}: they share the work). */
    public RunningIngest(final EmbeddedStackExtension kafka, final Topics topics, final String applicationId, final IngestConfig config)
            throws InterruptedException {
        this.kafka = kafka;
        this.topics = topics;
        final Properties props = kafka.streamsProps(applicationId);
        props.putAll(IngestService.streamsOverrides(topics, counts));
        streams = new KafkaStreams(IngestTopology.build(topics, config, counts), props);
        streams.start();
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new IllegalStateException("ingest did not reach RUNNING: " + streams.state());
        }
    }

    public Topics topics() {
        return topics;
    }

    public DeadLetterCounts counts() {
        return counts;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void publish(final List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /**
     * Reads a topic (committed data only) until {@code done} holds for what was read or a minute
     * passes, then once more, so a duplicate behind the expected records would be seen too.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(final String topic, final Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        final List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(read::add);
        }
        return read;
    }

    @Override
    public void close() {
        // Leave the group at once, so another instance takes the partitions over without waiting for a session timeout.
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
    }
}
