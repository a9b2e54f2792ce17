package io.streamscale.ingest.trace;

/** Parsing of single trace fields into numbers, each failure naming the field and the line. */
final class TraceFields {

    private final String source;
    private final long line;

    TraceFields(final String source, final long line) {
        this.source = source;
        this.line = line;
    }

    TraceException error(final String field, final String message) {
        return new TraceException(source, line, field, message);
    }

    long timestampMillis(final String field, final String text) {
        try {
            return TraceTimestamps.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** A non-negative finite number of milliseconds, as microseconds. */
    long latencyMicros(final String field, final String text) {
        final double ms = number(field, text);
        if (ms < 0) {
            throw error(field, "latency must be >= 0 ms, got " + text.strip());
        }
        return Math.round(ms * 1000.0);
    }

    double number(final String field, final String text) {
        if (text == null || text.isBlank()) {
            throw error(field, "is empty");
        }
        final double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw error(field, "'" + text.strip() + "' is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw error(field, "'" + text.strip() + "' is not a finite number");
        }
        return value;
    }

    int integer(final String field, final String text) {
        if (text == null || text.isBlank()) {
            throw error(field, "is empty");
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw error(field, "'" + text.strip() + "' is not a whole number");
        }
    }

    int nonNegativeInteger(final String field, final String text) {
        final int value = integer(field, text);
        if (value < 0) {
            throw error(field, "must be >= 0, got " + value);
        }
        return value;
    }

    /** Empty or absent means the default. */
    static boolean blank(final String text) {
        return text == null || text.isBlank();
    }
}
