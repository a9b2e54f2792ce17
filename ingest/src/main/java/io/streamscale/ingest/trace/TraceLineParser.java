package io.streamscale.ingest.trace;

import io.streamscale.schemas.RequestLog;
import java.util.function.Consumer;

/** Turns the lines of one trace format, after its first line, into request logs, in file order. */
interface TraceLineParser {

    /** One non-blank line; may emit zero or more records (adapters that group lines emit later). */
    void accept(long lineNumber, String line, Consumer<RequestLog> out);

    /** End of file: emit whatever is still held back. */
    default void finish(final Consumer<RequestLog> out) {
    }
}
