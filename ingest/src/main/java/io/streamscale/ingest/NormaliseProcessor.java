package io.streamscale.ingest;

import io.streamscale.ingest.dlq.DeadLetters;
import io.streamscale.ingest.normalise.RequestLogNormaliser;
import io.streamscale.ingest.normalise.Verdict;
import io.streamscale.schemas.RequestLog;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Judges each raw record with {@link RequestLogNormaliser} and forwards it with its verdict. An
 * accepted record takes its arrival time as the Kafka timestamp (so event time downstream is the
 * request's, whatever the producer's clock did); a rejected one gets the dead-letter headers.
 */
final class NormaliseProcessor implements FixedKeyProcessor<byte[], byte[], Judged> {

    private final IngestConfig config;
    private final Supplier<Deserializer<RequestLog>> avro;
    private final DeadLetterCounts counts;
    private FixedKeyProcessorContext<byte[], Judged> context;
    private RequestLogNormaliser normaliser;

    NormaliseProcessor(final IngestConfig config, final Supplier<Deserializer<RequestLog>> avro, final DeadLetterCounts counts) {
        this.config = config;
        this.avro = avro;
        this.counts = counts;
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], Judged> context) {
        this.context = context;
        this.normaliser = new RequestLogNormaliser(config, avro.get());
    }

    @Override
    public void process(final FixedKeyRecord<byte[], byte[]> record) {
        final RecordMetadata source = context.recordMetadata().orElse(null);
        final String topic = source == null ? "" : source.topic();
        final int partition = source == null ? -1 : source.partition();
        final long offset = source == null ? -1 : source.offset();
        // Derived from the record's coordinates, so re-processing after a crash yields the same id.
        final String fallbackRequestId = topic + "-" + partition + "-" + offset;
        final Verdict verdict = normaliser.normalise(record.value(), context.currentSystemTimeMs(), fallbackRequestId);
        final Judged judged = new Judged(record.value(), verdict);
        if (verdict instanceof Verdict.Accepted accepted) {
            counts.recordAccepted();
            context.forward(record.withValue(judged).withTimestamp(accepted.log().getTimestamp().toEpochMilli()));
        } else if (verdict instanceof Verdict.Rejected rejected) {
            counts.recordRejected(rejected.reason());
            context.forward(record.withValue(judged).withHeaders(
                    DeadLetters.headers(record.headers(), rejected.reason(), rejected.message(), topic, partition, offset)));
        }
    }
}
