package io.streamscale.ingest.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.ingest.normalise.JsonRequestLogReader;
import io.streamscale.ingest.normalise.RejectedRecordException;
import io.streamscale.schemas.RequestLog;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * DESIGN.md's JSON Lines trace: one object a line with the CSV's field names ({@code timestamp,
 * endpoint, variant, latency_ms, status, queue_depth}). A line is read exactly as ingest reads a JSON
 * record ({@link JsonRequestLogReader}), so every field name and unit ingest accepts works here too:
 * a file of canonical RequestLog JSON, CloudWatch-shaped or gateway access logs replays as it is.
 * Only the business rules (name syntax, ranges, time window) are left to ingest.
 */
final class JsonLinesTraceParser implements TraceLineParser {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String source;
    private final JsonRequestLogReader reader = new JsonRequestLogReader();

    JsonLinesTraceParser(final String source) {
        this.source = source;
    }

    @Override
    public void accept(final long lineNumber, final String line, final Consumer<RequestLog> out) {
        try {
            out.accept(reader.read(line.getBytes(StandardCharsets.UTF_8), TraceReader.requestId(source, lineNumber)));
        } catch (RejectedRecordException e) {
            throw new TraceException(source, lineNumber, null, e.getMessage() + " (" + e.reason() + ")");
        }
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
