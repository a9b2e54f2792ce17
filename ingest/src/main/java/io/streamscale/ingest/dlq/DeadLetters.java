package io.streamscale.ingest.dlq;

import io.streamscale.ingest.ReasonCode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter record format: the rejected record's key and value byte for byte, its own headers
 * kept, plus these headers (UTF-8 text), so a person or a tool can see why and where from:
 *
 * <pre>
 * streamscale.dlq.reason            a {@link ReasonCode} name, e.g. LATENCY_ABOVE_CEILING
 * streamscale.dlq.message           a readable sentence naming the field and the rule
 * streamscale.dlq.source.topic      topic the record was read from
 * streamscale.dlq.source.partition  its partition (decimal)
 * streamscale.dlq.source.offset     its offset (decimal)
 * </pre>
 */
public final class DeadLetters {

    public static final String REASON = "streamscale.dlq.reason";
    public static final String MESSAGE = "streamscale.dlq.message";
    public static final String SOURCE_TOPIC = "streamscale.dlq.source.topic";
    public static final String SOURCE_PARTITION = "streamscale.dlq.source.partition";
    public static final String SOURCE_OFFSET = "streamscale.dlq.source.offset";
    /** Headers are not free: long exception messages are cut here. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetters() {
    }

    /** The record's own headers (copied, never changed in place) followed by the dead-letter headers. */
    public static Headers headers(final Headers original, final ReasonCode reason, final String message,
                                  final String sourceTopic, final int sourcePartition, final long sourceOffset) {
        final RecordHeaders headers = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0] : original.toArray());
        // A record that was dead-lettered before and replayed must show only today's reason.
        for (final String name : new String[] {REASON, MESSAGE, SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET}) {
            headers.remove(name);
        }
        headers.add(REASON, utf8(reason.name()));
        headers.add(MESSAGE, utf8(message == null ? "" : abbreviate(message)));
        headers.add(SOURCE_TOPIC, utf8(sourceTopic == null ? "" : sourceTopic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
        return headers;
    }

    /** A dead-letter record for an exception handler to hand back to Streams. */
    public static ProducerRecord<byte[], byte[]> record(final String deadLetterTopic, final byte[] key, final byte[] value,
                                                        final Headers original, final ReasonCode reason, final String message,
                                                        final String sourceTopic, final int sourcePartition, final long sourceOffset) {
        return new ProducerRecord<>(deadLetterTopic, null, key, value,
                headers(original, reason, message, sourceTopic, sourcePartition, sourceOffset));
    }

    /** A header's text, or null when absent. */
    public static String header(final Headers headers, final String name) {
        final org.apache.kafka.common.header.Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(final String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }
}
