package io.streamscale.ingest.dlq;

import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.ReasonCode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception while processing a record (a bug, since bad input is judged without
 * exceptions) sends the source record, byte for byte, to the dead-letter topic as PROCESSING_ERROR
 * and processing continues: one record never stops the stream.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;
    private DeadLetterCounts counts = new DeadLetterCounts();

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetterTopic = HandlerSettings.deadLetterTopic(configs);
        counts = HandlerSettings.counts(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        counts.recordRejected(ReasonCode.PROCESSING_ERROR);
        LOG.warn("Processing {}-{}@{} failed in {}; dead-lettered", context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), exception);
        if (deadLetterTopic == null || context.sourceRawValue() == null && context.sourceRawKey() == null) {
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetters.record(deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), ReasonCode.PROCESSING_ERROR, "processing failed in " + context.processorNodeId() + ": " + exception,
                context.topic(), context.partition(), context.offset())));
    }
}
