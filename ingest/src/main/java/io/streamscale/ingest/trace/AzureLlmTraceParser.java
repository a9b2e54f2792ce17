package io.streamscale.ingest.trace;

import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Adapter for the Azure LLM inference trace 2023 ({@code TIMESTAMP,ContextTokens,GeneratedTokens}):
 * arrival = TIMESTAMP taken as UTC (sub-millisecond digits dropped), exactly as recorded; latency from
 * the tokens by {@link TokenServiceModel}; status 200 (the trace records only served requests); no
 * queue depth; tokens kept in inputTokens/outputTokens. Default endpoint {@code azure-llm-code}.
 */
final class AzureLlmTraceParser implements TraceLineParser {

    static final String DEFAULT_ENDPOINT = "azure-llm-code";

    private final String source;
    private final TraceOptions options;
    private final int timestampColumn;
    private final int contextColumn;
    private final int generatedColumn;

    AzureLlmTraceParser(final String source, final String header, final TraceOptions options) {
        this.source = source;
        this.options = options;
        final String[] names = CsvTraceParser.split(header.toLowerCase(Locale.ROOT).replace("\uFEFF", ""));
        this.timestampColumn = indexOf(names, "timestamp");
        this.contextColumn = indexOf(names, "contexttokens");
        this.generatedColumn = indexOf(names, "generatedtokens");
    }

    @Override
    public void accept(final long lineNumber, final String line, final Consumer<RequestLog> out) {
        final String[] cells = CsvTraceParser.split(line);
        final TraceFields fields = new TraceFields(source, lineNumber);
        if (cells.length <= Math.max(timestampColumn, Math.max(contextColumn, generatedColumn))) {
            throw fields.error(null, "expected 3 columns TIMESTAMP,ContextTokens,GeneratedTokens, got " + cells.length);
        }
        final int context = fields.nonNegativeInteger("ContextTokens", cells[contextColumn]);
        final int generated = fields.nonNegativeInteger("GeneratedTokens", cells[generatedColumn]);
        final String requestId = TraceReader.requestId(source, lineNumber);
        out.accept(RequestLog.newBuilder()
                .setEndpoint(options.endpointOr(DEFAULT_ENDPOINT))
                .setVariant(options.variant())
                .setRequestId(requestId)
                .setTimestamp(Instant.ofEpochMilli(fields.timestampMillis("TIMESTAMP", cells[timestampColumn])))
                .setModelLatencyMicros(options.serviceModel().modelLatencyMicros(context, generated, requestId))
                .setOverheadLatencyMicros(options.serviceModel().overheadLatencyMicros())
                .setStatusCode(200)
                .setInputTokens(context)
                .setOutputTokens(generated)
                .build());
    }

    private int indexOf(final String[] names, final String column) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(column)) {
                return i;
            }
        }
        throw new TraceException(source, 1, column, "the Azure trace header has no column " + column);
    }
}
