package io.streamscale.ingest.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * DESIGN.md's JSON Lines trace: one object a line with the CSV's field names ({@code timestamp,
 * endpoint, variant, latency_ms, status, queue_depth}, optional {@code request_id, input_tokens,
 * output_tokens}); values may be JSON numbers or strings; timestamp in epoch ms or ISO-8601.
 */
final class JsonLinesTraceParser implements TraceLineParser {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;

    JsonLinesTraceParser(final String source) {
        this.source = source;
    }

    @Override
    public void accept(final long lineNumber, final String line, final Consumer<RequestLog> out) {
        final TraceFields fields = new TraceFields(source, lineNumber);
        final JsonNode node = parse(fields, line);
        final String endpoint = text(node, "endpoint");
        if (TraceFields.blank(endpoint)) {
            throw fields.error("endpoint", "is missing or empty");
        }
        final String variant = text(node, "variant");
        final String status = text(node, "status");
        final String queueDepth = text(node, "queue_depth");
        final String requestId = text(node, "request_id");
        final String inputTokens = text(node, "input_tokens");
        final String outputTokens = text(node, "output_tokens");
        out.accept(RequestLog.newBuilder()
                .setEndpoint(endpoint)
                .setVariant(TraceFields.blank(variant) ? EndpointKey.DEFAULT_VARIANT : variant)
                .setRequestId(TraceFields.blank(requestId) ? TraceReader.requestId(source, lineNumber) : requestId)
                .setTimestamp(Instant.ofEpochMilli(fields.timestampMillis("timestamp", text(node, "timestamp"))))
                .setModelLatencyMicros(fields.latencyMicros("latency_ms", text(node, "latency_ms")))
                .setOverheadLatencyMicros(0)
                .setStatusCode(TraceFields.blank(status) ? 200 : fields.integer("status", status))
                .setQueueDepth(TraceFields.blank(queueDepth) ? null : fields.nonNegativeInteger("queue_depth", queueDepth))
                .setInputTokens(TraceFields.blank(inputTokens) ? null : fields.nonNegativeInteger("input_tokens", inputTokens))
                .setOutputTokens(TraceFields.blank(outputTokens) ? null : fields.nonNegativeInteger("output_tokens", outputTokens))
                .build());
    }

    static JsonNode parse(final TraceFields fields, final String line) {
        final JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw fields.error(null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw fields.error(null, "expected a JSON object");
        }
        return node;
    }

    /** The field as text (numbers included), null when absent or JSON null. */
    static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
