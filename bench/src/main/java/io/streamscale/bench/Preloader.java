package io.streamscale.bench;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the benchmark's input with the project's own Avro serializer, as producers in production do:
 * keyed {@code endpoint/variant}, Kafka timestamp = the request's arrival time. Not timed.
 */
public final class Preloader {

    private Preloader() {
    }

    /**
     * Produces {@code records} records of {@code fleet} to {@code topic} and waits until all are acknowledged.
     *
     * @return bytes of serialized values written, for the record size in the report
     */
    public static long preload(final String bootstrapServers, final Topic<String, RequestLog> topic,
                               final SyntheticFleet fleet, final long records) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final LongAdder valueBytes = new LongAdder();
        try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(props,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                final RequestLog log = fleet.next();
                producer.send(new ProducerRecord<>(topic.name(), null, log.getTimestamp().toEpochMilli(),
                        EndpointKey.of(log.getEndpoint(), log.getVariant()), log), (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else {
                                valueBytes.add(metadata.serializedValueSize());
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Preloading " + topic.name() + " failed: " + failure.get(), failure.get());
        }
        return valueBytes.sum();
    }

    /** Waits for a future, turning checked exceptions into an unchecked one that names what failed. */
    static <T> T await(final java.util.concurrent.Future<T> future, final String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }
}
