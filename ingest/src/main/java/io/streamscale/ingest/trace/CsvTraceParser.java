package io.streamscale.ingest.trace;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DESIGN.md's CSV trace: a header naming the columns (any order) {@code timestamp, endpoint, variant,
 * latency_ms, status, queue_depth}, plus optional {@code request_id}, {@code input_tokens},
 * {@code output_tokens}. Variant defaults to AllTraffic, status to 200, queue_depth may be empty.
 * latency_ms is what the client saw, so it becomes modelLatencyMicros with zero overhead.
 */
final class CsvTraceParser implements TraceLineParser {

    private final String source;
    private final Map<String, Integer> columns = new HashMap<>();

    CsvTraceParser(final String source, final String header) {
        this.source = source;
        final String[] names = split(header);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].toLowerCase(Locale.ROOT).replace("\uFEFF", ""), i);
        }
        for (final String required : new String[] {"timestamp", "endpoint", "latency_ms"}) {
            if (!columns.containsKey(required)) {
                throw new TraceException(source, 1, required, "the CSV header has no column " + required
                        + " (expected timestamp,endpoint,variant,latency_ms,status,queue_depth)");
            }
        }
    }

    @Override
    public void accept(final long lineNumber, final String line, final Consumer<RequestLog> out) {
        final String[] cells = split(line);
        final TraceFields fields = new TraceFields(source, lineNumber);
        final String endpoint = cell(cells, "endpoint");
        if (TraceFields.blank(endpoint)) {
            throw fields.error("endpoint", "is empty");
        }
        final String variant = cell(cells, "variant");
        final String status = cell(cells, "status");
        final String queueDepth = cell(cells, "queue_depth");
        final String requestId = cell(cells, "request_id");
        final String inputTokens = cell(cells, "input_tokens");
        final String outputTokens = cell(cells, "output_tokens");
        out.accept(RequestLog.newBuilder()
                .setEndpoint(endpoint.strip())
                .setVariant(TraceFields.blank(variant) ? EndpointKey.DEFAULT_VARIANT : variant.strip())
                .setRequestId(TraceFields.blank(requestId) ? TraceReader.requestId(source, lineNumber) : requestId.strip())
                .setTimestamp(Instant.ofEpochMilli(fields.timestampMillis("timestamp", cell(cells, "timestamp"))))
                .setModelLatencyMicros(fields.latencyMicros("latency_ms", cell(cells, "latency_ms")))
                .setOverheadLatencyMicros(0)
                .setStatusCode(TraceFields.blank(status) ? 200 : fields.integer("status", status))
                .setQueueDepth(TraceFields.blank(queueDepth) ? null : fields.nonNegativeInteger("queue_depth", queueDepth))
                .setInputTokens(TraceFields.blank(inputTokens) ? null : fields.nonNegativeInteger("input_tokens", inputTokens))
                .setOutputTokens(TraceFields.blank(outputTokens) ? null : fields.nonNegativeInteger("output_tokens", outputTokens))
                .build());
    }

    private String cell(final String[] cells, final String column) {
        final Integer index = columns.get(column);
        return index == null || index >= cells.length ? null : cells[index];
    }

    /** Comma separated; a cell may be wrapped in double quotes (names never contain commas). */
    static String[] split(final String line) {
        final String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].strip();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                cell = cell.substring(1, cell.length() - 1);
            }
            cells[i] = cell;
        }
        return cells;
    }
}
