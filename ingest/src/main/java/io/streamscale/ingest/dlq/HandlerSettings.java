package io.streamscale.ingest.dlq;

import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.IngestService;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** What the exception handlers read from the Streams configuration Kafka hands them. */
final class HandlerSettings {

    private HandlerSettings() {
    }

    /** Kafka's own {@code errors.dead.letter.queue.topic.name}; null means count and log only. */
    static String deadLetterTopic(final Map<String, ?> configs) {
        final Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return topic == null || topic.toString().isBlank() ? null : topic.toString();
    }

    /** The counts object the application passed in its Streams properties, or a private one. */
    static DeadLetterCounts counts(final Map<String, ?> configs) {
        final Object counts = configs.get(IngestService.DEAD_LETTER_COUNTS_CONFIG);
        return counts instanceof DeadLetterCounts shared ? shared : new DeadLetterCounts();
    }
}
