package io.streamscale.ingest;

import io.streamscale.ingest.dlq.DeadLetters;
import io.streamscale.ingest.normalise.RequestLogNormaliser;
import io.streamscale.ingest.normalise.Verdict;
import io.streamscale.schemas.RequestLog;
import java.util.EnumMap;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Judges each raw record with {@link RequestLogNormaliser} and forwards it with its verdict. An
 * accepted record takes its arrival time as the Kafka timestamp (so event time downstream is the
 * request's, whatever the producer's clock did); a rejected one gets the dead-letter headers.
 *
 * <p>Besides {@link DeadLetterCounts}, every verdict is counted in Kafka Streams' own metrics, so any
 * reporter of Streams metrics shows them: group {@code stream-ingest-metrics}, {@code accepted-total}
 * and {@code accepted-rate} tagged {@code ingest-id=all}, {@code rejected-total} and
 * {@code rejected-rate} tagged {@code ingest-id=<reason code>} (plus {@code thread-id}).
 */
final class NormaliseProcessor implements FixedKeyProcessor<byte[], byte[], Judged> {

    /** Streams metrics group {@code stream-ingest-metrics}. */
    static final String METRICS_SCOPE = "ingest";

    private final IngestConfig config;
    private final Supplier<Deserializer<RequestLog>> avro;
    private final DeadLetterCounts counts;
    private FixedKeyProcessorContext<byte[], Judged> context;
    private RequestLogNormaliser normaliser;
    private Sensor acceptedSensor;
    private final EnumMap<ReasonCode, Sensor> rejectedSensors = new EnumMap<>(ReasonCode.class);

    NormaliseProcessor(final IngestConfig config, final Supplier<Deserializer<RequestLog>> avro, final DeadLetterCounts counts) {
        this.config = config;
        this.avro = avro;
        this.counts = counts;
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], Judged> context) {
        this.context = context;
        this.normaliser = new RequestLogNormaliser(config, avro.get());
        // Every reason up front, so dashboards show zeros rather than missing series.
        acceptedSensor = context.metrics().addRateTotalSensor(METRICS_SCOPE, "all", "accepted", Sensor.RecordingLevel.INFO);
        for (final ReasonCode reason : ReasonCode.values()) {
            rejectedSensors.put(reason, context.metrics().addRateTotalSensor(METRICS_SCOPE, reason.name(), "rejected",
                    Sensor.RecordingLevel.INFO));
        }
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
            acceptedSensor.record();
            context.forward(record.withValue(judged).withTimestamp(accepted.log().getTimestamp().toEpochMilli()));
        } else if (verdict instanceof Verdict.Rejected rejected) {
            counts.recordRejected(rejected.reason());
            rejectedSensors.get(rejected.reason()).record();
            context.forward(record.withValue(judged).withHeaders(
                    DeadLetters.headers(record.headers(), rejected.reason(), rejected.message(), topic, partition, offset)));
        }
    }
}
