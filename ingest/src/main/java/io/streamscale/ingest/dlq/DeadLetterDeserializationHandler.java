package io.streamscale.ingest.dlq;

import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.ReasonCode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record Streams cannot even deserialise goes to the dead-letter topic as DESERIALIZATION_ERROR,
 * and processing continues. (Ingest reads raw bytes, so this is a safety net: it catches what a
 * future serde change could throw.)
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;
    private DeadLetterCounts counts = new DeadLetterCounts();

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetterTopic = HandlerSettings.deadLetterTopic(configs);
        counts = HandlerSettings.counts(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                final Exception exception) {
        counts.recordRejected(ReasonCode.DESERIALIZATION_ERROR);
        LOG.warn("Cannot deserialise {}-{}@{}: {}; dead-lettered", record.topic(), record.partition(), record.offset(), exception.toString());
        if (deadLetterTopic == null) {
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, record.key(), record.value(), record.headers(),
                ReasonCode.DESERIALIZATION_ERROR, "cannot deserialise: " + exception, record.topic(), record.partition(),
                record.offset())));
    }
}
