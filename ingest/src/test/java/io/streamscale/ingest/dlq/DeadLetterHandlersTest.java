package io.streamscale.ingest.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.IngestService;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{broken".getBytes(StandardCharsets.UTF_8);
    private final DeadLetterCounts counts = new DeadLetterCounts();
    private final Map<String, Object> configs = IngestService.streamsOverrides(new Topics("p.", Map.of()), counts);

    /** The context Streams hands a handler: where the failing record came from, and its raw bytes. */
    private record Context(byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
        public String topic() { return "p.inference-logs.raw"; }
        public int partition() { return 2; }
        public long offset() { return 99; }
        public Headers headers() { return new RecordHeaders(); }
        public String processorNodeId() { return "ingest-normalise"; }
        public TaskId taskId() { return new TaskId(0, 2); }
        public long timestamp() { return 0; }
    }

    private static void assertDeadLetter(final ProducerRecord<byte[], byte[]> record, final ReasonCode reason) {
        assertThat(record.topic()).isEqualTo("p.inference-logs.dlq");
        assertThat(record.key()).isEqualTo(KEY);
        assertThat(record.value()).isEqualTo(VALUE);
        assertThat(DeadLetters.header(record.headers(), DeadLetters.REASON)).isEqualTo(reason.name());
        assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("p.inference-logs.raw");
        assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetters.header(record.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("99");
    }

    @Test
    void deserializationFailuresAreDeadLetteredAndProcessingContinues() {
        final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(configs);
        final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("p.inference-logs.raw", 2, 99, KEY, VALUE);

        final DeserializationExceptionHandler.Response response = handler.handleError(new Context(KEY, VALUE), record,
                new org.apache.kafka.common.errors.SerializationException("bad"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(r -> assertDeadLetter(r, ReasonCode.DESERIALIZATION_ERROR));
        assertThat(counts.rejected(ReasonCode.DESERIALIZATION_ERROR)).isEqualTo(1);
    }

    @Test
    void processingFailuresAreDeadLetteredFromTheSourceBytes() {
        final DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);

        final ProcessingExceptionHandler.Response response = handler.handleError(new Context(KEY, VALUE),
                new Record<>("whatever", "value", 0L), new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
            assertDeadLetter(r, ReasonCode.PROCESSING_ERROR);
            assertThat(DeadLetters.header(r.headers(), DeadLetters.MESSAGE)).contains("ingest-normalise").contains("bug");
        });
        assertThat(counts.rejected(ReasonCode.PROCESSING_ERROR)).isEqualTo(1);
    }

    @Test
    void productionFailuresAreDeadLetteredButRetriableOnesRetried() {
        final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        final ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("p.inference-logs", KEY, new byte[10]);

        final ProductionExceptionHandler.Response tooLarge = handler.handleError(new Context(KEY, VALUE), out,
                new RecordTooLargeException("too large"));
        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).singleElement().satisfies(r -> assertDeadLetter(r, ReasonCode.PRODUCTION_ERROR));

        final ProductionExceptionHandler.Response serialization = handler.handleSerializationError(new Context(KEY, VALUE), out,
                new org.apache.kafka.common.errors.SerializationException("registry refused"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(serialization.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(serialization.deadLetterQueueRecords()).hasSize(1);

        assertThat(handler.handleError(new Context(KEY, VALUE), out, new TimeoutException("slow")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(counts.rejected(ReasonCode.PRODUCTION_ERROR)).isEqualTo(2);
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsSkippedNotDeadLetteredAgain() {
        final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        final ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>("p.inference-logs.dlq", KEY, VALUE);

        final ProductionExceptionHandler.Response response = handler.handleError(new Context(KEY, VALUE), dead,
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void withoutATopicHandlersOnlyCount() {
        final DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(IngestService.streamsOverrides());

        final ProcessingExceptionHandler.Response response = handler.handleError(new Context(KEY, VALUE),
                new Record<>("k", "v", 0L), new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void deadLetterHeadersReplaceAnEarlierVerdictAndKeepTheProducersHeaders() {
        final RecordHeaders original = new RecordHeaders();
        original.add("traceparent", "t".getBytes(StandardCharsets.UTF_8));
        original.add(DeadLetters.REASON, "OLD".getBytes(StandardCharsets.UTF_8));

        final Headers headers = DeadLetters.headers(original, ReasonCode.INVALID_JSON, "x".repeat(5_000), "raw", 0, 1);

        assertThat(DeadLetters.header(headers, "traceparent")).isEqualTo("t");
        assertThat(headers.headers(DeadLetters.REASON)).hasSize(1);
        assertThat(DeadLetters.header(headers, DeadLetters.REASON)).isEqualTo("INVALID_JSON");
        assertThat(DeadLetters.header(headers, DeadLetters.MESSAGE)).hasSize(DeadLetters.MAX_MESSAGE_CHARS);
        assertThat(DeadLetters.header(original, DeadLetters.REASON)).isEqualTo("OLD");
    }
}
