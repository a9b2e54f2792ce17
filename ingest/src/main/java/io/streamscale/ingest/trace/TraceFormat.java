package io.streamscale.ingest.trace;

/** The trace layouts {@link TraceReader} recognises from a file's first line. */
public enum TraceFormat {
    /** DESIGN.md CSV: {@code timestamp,endpoint,variant,latency_ms,status,queue_depth} (header required). */
    CSV,
    /** DESIGN.md JSON Lines: one object a line with the same field names as the CSV columns. */
    JSON_LINES,
    /** Azure LLM inference trace 2023: {@code TIMESTAMP,ContextTokens,GeneratedTokens}; latency from {@link TokenServiceModel}. */
    AZURE_LLM,
    /** Mooncake FAST'25 JSON Lines: {@code timestamp} (ms from trace start), {@code input_length}, {@code output_length}. */
    MOONCAKE;

    /**
     * Recognises the format from the first non-blank line of a file.
     *
     * @throws IllegalArgumentException naming what was expected when the line fits no format
     */
    public static TraceFormat detect(final String firstLine) {
        final String line = firstLine == null ? "" : firstLine.strip().replace("\uFEFF", "");
        if (line.startsWith("{")) {
            return line.contains("\"input_length\"") || line.contains("\"output_length\"") ? MOONCAKE : JSON_LINES;
        }
        final String lower = line.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("contexttokens") && lower.contains("generatedtokens")) {
            return AZURE_LLM;
        }
        if (lower.startsWith("timestamp") || lower.contains(",endpoint") || lower.startsWith("endpoint")) {
            return CSV;
        }
        throw new IllegalArgumentException("Unrecognised trace format: the first line '" + abbreviate(line)
                + "' is neither a CSV header (timestamp,endpoint,variant,latency_ms,status,queue_depth or"
                + " TIMESTAMP,ContextTokens,GeneratedTokens) nor a JSON object");
    }

    private static String abbreviate(final String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
