package io.streamscale.ingest;

import io.streamscale.ingest.dlq.DeadLetterDeserializationHandler;
import io.streamscale.ingest.dlq.DeadLetterProcessingHandler;
import io.streamscale.ingest.dlq.DeadLetterProductionHandler;
import io.streamscale.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams settings ingest must run with; the rest (bootstrap servers, state directory, threads)
 * is the runner's. Apply them over the runner's properties:
 *
 * <pre>{@code
 * DeadLetterCounts counts = new DeadLetterCounts();
 * props.putAll(IngestService.streamsOverrides(topics, counts));
 * new KafkaStreams(IngestTopology.build(topics, IngestConfig.fromMap(settings), counts), props);
 * }</pre>
 */
public final class IngestService {

    /** Default application.id of the ingest topology. */
    public static final String APPLICATION_ID = "streamscale-ingest";
    /** Streams property holding the {@link DeadLetterCounts} instance the exception handlers add to. */
    public static final String DEAD_LETTER_COUNTS_CONFIG = "streamscale.ingest.dead-letter-counts";

    private IngestService() {
    }

    /** Exactly-once v2 and the three dead-lettering exception handlers (they only count and log without a DLQ topic). */
    public static Map<String, Object> streamsOverrides() {
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        overrides.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        overrides.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // Ingest has no global stores; opting in now is what Kafka 5.0 will do by default.
        overrides.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        overrides.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        return overrides;
    }

    /** {@link #streamsOverrides()} plus the dead-letter topic and the counts the handlers add to. */
    public static Map<String, Object> streamsOverrides(final Topics topics, final DeadLetterCounts counts) {
        final Map<String, Object> overrides = streamsOverrides();
        overrides.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters().name());
        overrides.put(DEAD_LETTER_COUNTS_CONFIG, counts);
        return overrides;
    }
}
