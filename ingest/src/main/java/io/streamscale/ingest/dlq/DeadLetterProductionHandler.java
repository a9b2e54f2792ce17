package io.streamscale.ingest.dlq;

import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.ReasonCode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * A normalised record that cannot be serialised or produced (registry refuses the schema, record too
 * large) sends its source record, byte for byte, to the dead-letter topic as PRODUCTION_ERROR and
 * processing continues. Retriable broker errors are retried; a failure to write the dead letter
 * itself is logged and skipped, so the handler can never loop.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String deadLetterTopic;
    private DeadLetterCounts counts = new DeadLetterCounts();

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetterTopic = HandlerSettings.deadLetterTopic(configs);
        counts = HandlerSettings.counts(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record,
                                             final Exception exception, final SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), exception);
    }

    private Response deadLetter(final ErrorHandlerContext context, final String targetTopic, final Exception exception) {
        counts.recordRejected(ReasonCode.PRODUCTION_ERROR);
        if (deadLetterTopic == null || deadLetterTopic.equals(targetTopic) || context == null
                || context.sourceRawValue() == null && context.sourceRawKey() == null) {
            LOG.error("Cannot write a record to {} ({}); skipped", targetTopic, exception.toString());
            return Response.resume();
        }
        LOG.warn("Cannot write the record from {}-{}@{} to {}: {}; dead-lettered", context.topic(), context.partition(),
                context.offset(), targetTopic, exception.toString());
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), ReasonCode.PRODUCTION_ERROR, "cannot write to " + targetTopic + ": " + exception,
                context.topic(), context.partition(), context.offset())));
    }
}
