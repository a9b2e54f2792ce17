package io.streamscale.ingest.trace;

/** A trace line that cannot be read, naming the file, the line number and the field at fault. */
public final class TraceException extends IllegalArgumentException {

    private final String source;
    private final long line;
    private final String field;

    public TraceException(final String source, final long line, final String field, final String message) {
        super(source + ":" + line + ": " + (field == null ? "" : field + ": ") + message);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    /** The column or JSON field at fault, or null when the whole line is. */
    public String field() {
        return field;
    }
}
