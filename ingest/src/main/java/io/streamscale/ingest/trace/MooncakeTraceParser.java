package io.streamscale.ingest.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Adapter for the Mooncake FAST'25 traces ({@code {"timestamp": ms from start, "input_length",
 * "output_length", "hash_ids"}}). Arrival = {@link TraceOptions#mooncakeEpoch()} + timestamp. The
 * trace quantises arrivals to 3-second steps, so the n requests sharing a timestamp are spread
 * evenly across their step: request i of n arrives at {@code t + i × step / n}, where step is the gap
 * to the next distinct timestamp (3,000 ms for the last). Order stays as in the file. Latency from
 * the tokens by {@link TokenServiceModel}; status 200; {@code hash_ids} ignored. Default endpoint
 * {@code mooncake-conversation}.
 */
final class MooncakeTraceParser implements TraceLineParser {

    static final String DEFAULT_ENDPOINT = "mooncake-conversation";
    static final long STEP_MS = 3_000;

    private final String source;
    private final TraceOptions options;
    private final List<Pending> group = new ArrayList<>();
    private long groupTimestamp = Long.MIN_VALUE;

    private record Pending(long lineNumber, int inputTokens, int outputTokens) {
    }

    MooncakeTraceParser(final String source, final TraceOptions options) {
        this.source = source;
        this.options = options;
    }

    @Override
    public void accept(final long lineNumber, final String line, final Consumer<RequestLog> out) {
        final TraceFields fields = new TraceFields(source, lineNumber);
        final JsonNode node = JsonLinesTraceParser.parse(fields, line);
        final String timestampText = JsonLinesTraceParser.text(node, "timestamp");
        if (TraceFields.blank(timestampText)) {
            throw fields.error("timestamp", "is missing");
        }
        final long timestamp = Math.round(fields.number("timestamp", timestampText));
        final int input = fields.nonNegativeInteger("input_length", JsonLinesTraceParser.text(node, "input_length"));
        final int output = fields.nonNegativeInteger("output_length", JsonLinesTraceParser.text(node, "output_length"));
        if (timestamp < groupTimestamp) {
            throw fields.error("timestamp", timestamp + " goes back in time (previous " + groupTimestamp + "): the trace must be sorted");
        }
        if (timestamp != groupTimestamp) {
            emit(timestamp - groupTimestamp, out);
            groupTimestamp = timestamp;
        }
        group.add(new Pending(lineNumber, input, output));
    }

    @Override
    public void finish(final Consumer<RequestLog> out) {
        emit(STEP_MS, out);
    }

    private void emit(final long step, final Consumer<RequestLog> out) {
        final long spread = Math.min(step, STEP_MS);
        final long base = options.mooncakeEpoch().toEpochMilli() + groupTimestamp;
        for (int i = 0; i < group.size(); i++) {
            final Pending request = group.get(i);
            final String requestId = TraceReader.requestId(source, request.lineNumber());
            out.accept(RequestLog.newBuilder()
                    .setEndpoint(options.endpointOr(DEFAULT_ENDPOINT))
                    .setVariant(options.variant())
                    .setRequestId(requestId)
                    .setTimestamp(Instant.ofEpochMilli(base + i * spread / group.size()))
                    .setModelLatencyMicros(options.serviceModel().modelLatencyMicros(
                            request.inputTokens(), request.outputTokens(), requestId))
                    .setOverheadLatencyMicros(options.serviceModel().overheadLatencyMicros())
                    .setStatusCode(200)
                    .setInputTokens(request.inputTokens())
                    .setOutputTokens(request.outputTokens())
                    .build());
        }
        group.clear();
    }
}
