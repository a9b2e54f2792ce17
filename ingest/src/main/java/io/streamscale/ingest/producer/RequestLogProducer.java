package io.streamscale.ingest.producer;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A typed producer of request logs for Java model servers and gateways. Writes Confluent-framed Avro
 * keyed {@code endpoint/variant}, by default to {@code inference-logs.raw} so ingest validates it like
 * any other producer's records. Safe defaults ({@link #DEFAULTS}): idempotence with acks=all (no
 * duplicates on retry, order kept per endpoint variant), 20 ms batching, lz4 compression. Sending never
 * throws and never waits for the broker: {@link #send} returns a future. {@link #close()} flushes.
 *
 * <pre>{@code
 * try (RequestLogProducer producer = new RequestLogProducer(props, topics)) {
 *     producer.send(log).whenComplete((metadata, error) -> ...);
 * }
 * }</pre>
 * Thread safe, like the KafkaProducer it wraps: share one per process.
 */
public final class RequestLogProducer implements AutoCloseable {

    /** Defaults applied under the caller's properties (the caller's win, except the serializers). */
    public static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            // A request log is telemetry: better to fail a send fast than to stall the request path.
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);

    private final Producer<String, RequestLog> producer;
    private final String topic;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Writes to {@code topics.rawRequestLogs()}; {@code props} need at least bootstrap.servers. */
    public RequestLogProducer(final Properties props, final Topics topics) {
        this(props, topics, topics.rawRequestLogs().name());
    }

    /** Writes to any topic, e.g. {@code topics.requestLogs().name()} for producers trusted to skip ingest. */
    public RequestLogProducer(final Properties props, final Topics topics, final String topic) {
        this(new KafkaProducer<>(withDefaults(props), new StringSerializer(), topics.requestLogs().valueSerde().serializer()), topic);
    }

    /** For tests and for callers that build their own producer. */
    public RequestLogProducer(final Producer<String, RequestLog> producer, final String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** The caller's properties over {@link #DEFAULTS}. */
    public static Properties withDefaults(final Properties props) {
        final Properties merged = new Properties();
        merged.putAll(DEFAULTS);
        merged.putAll(props);
        merged.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        merged.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return merged;
    }

    /**
     * Queues one request log, keyed by its endpoint/variant. Never throws: a record that cannot be
     * serialised, a full buffer or a closed producer complete the future exceptionally.
     */
    public CompletableFuture<RecordMetadata> send(final RequestLog log) {
        final CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            final String key = EndpointKey.of(log.getEndpoint(), log.getVariant());
            producer.send(new ProducerRecord<>(topic, null, log.getTimestamp() == null ? null : log.getTimestamp().toEpochMilli(),
                    key, log), (metadata, error) -> {
                        if (error == null) {
                            sent.increment();
                            result.complete(metadata);
                        } else {
                            failed.increment();
                            result.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            failed.increment();
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Blocks until every queued record is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Records the broker acknowledged. */
    public long sent() {
        return sent.sum();
    }

    /** Records that failed (serialisation, timeouts, closed producer). */
    public long failed() {
        return failed.sum();
    }

    public String topic() {
        return topic;
    }

    /** Sends what is queued (waiting up to 30 s), then closes. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** KafkaProducer's close: completes every queued send within {@code timeout}, then releases the producer. */
    public void close(final Duration timeout) {
        producer.close(timeout);
    }
}
