package io.streamscale.ingest.trace;

import io.streamscale.schemas.RequestLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a trace file as request logs, in file order, lazily (a one-hour trace never sits in memory).
 * The format is recognised from the first line ({@link TraceFormat}): DESIGN.md's CSV or JSON Lines,
 * or one of the public traces under {@code shared/data/traces} (Azure LLM 2023, Mooncake FAST'25),
 * whose missing latency comes from a documented {@link TokenServiceModel}.
 *
 * <p>A line that cannot be read stops the stream with a {@link TraceException} naming the file, the
 * line and the field: a trace is an input the user chose, so silently skipping lines would falsify
 * it. Close the stream (try-with-resources) to close the file.
 */
public final class TraceReader {

    /** Where bundled traces live on the class path. */
    public static final String RESOURCE_FOLDER = "traces/";
    /** The bundled demo slice of the Azure LLM code trace. */
    public static final String DEMO_TRACE = "azure-llm-2023-code-demo.csv";

    private TraceReader() {
    }

    public static Stream<RequestLog> read(final Path file) {
        return read(file, TraceOptions.DEFAULTS);
    }

    public static Stream<RequestLog> read(final Path file, final TraceOptions options) {
        final BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open trace " + file + ": " + e.getMessage(), e);
        }
        return read(reader, stem(file.getFileName().toString()), options);
    }

    /** A bundled trace by file name ({@code azure-llm-2023-code-demo.csv}) or class-path name ({@code traces/...}). */
    public static Stream<RequestLog> readResource(final String name) {
        return readResource(name, TraceOptions.DEFAULTS);
    }

    public static Stream<RequestLog> readResource(final String name, final TraceOptions options) {
        final String path = name.startsWith(RESOURCE_FOLDER) ? name : RESOURCE_FOLDER + name;
        final InputStream in = TraceReader.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("No bundled trace " + path + " on the class path");
        }
        final String fileName = path.substring(path.lastIndexOf('/') + 1);
        return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), stem(fileName), options);
    }

    /** The format of a trace file, from its first non-blank line. */
    public static TraceFormat detectFormat(final Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return TraceFormat.detect(firstNonBlank(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read trace " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads any trace from a reader, closing it when the stream is closed.
     *
     * @param source names the trace in errors and in generated request ids ({@code <source>-<line>})
     */
    public static Stream<RequestLog> read(final BufferedReader reader, final String source, final TraceOptions options) {
        final LineIterator lines = new LineIterator(reader, source, options);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(lines::close);
    }

    /** Request ids of trace records that carry none: stable across replays, unique within a file. */
    static String requestId(final String source, final long lineNumber) {
        return source + "-" + lineNumber;
    }

    private static String stem(final String fileName) {
        final int dot = fileName.indexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String firstNonBlank(final BufferedReader reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    /** Pulls lines through the format's parser until it has emitted a record. */
    private static final class LineIterator implements Iterator<RequestLog> {
        private final BufferedReader reader;
        private final String source;
        private final TraceOptions options;
        private final ArrayDeque<RequestLog> ready = new ArrayDeque<>();
        private TraceLineParser parser;
        private long lineNumber;
        private boolean finished;

        LineIterator(final BufferedReader reader, final String source, final TraceOptions options) {
            this.reader = reader;
            this.source = source;
            this.options = options;
        }

        @Override
        public boolean hasNext() {
            try {
                while (ready.isEmpty() && !finished) {
                    String line = reader.readLine();
                    if (line == null) {
                        finished = true;
                        if (parser != null) {
                            parser.finish(ready::add);
                        }
                        break;
                    }
                    lineNumber++;
                    if (parser == null && line.startsWith("\uFEFF")) {
                        line = line.substring(1); // a UTF-8 byte order mark is not content
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    if (parser == null) {
                        parser = parserFor(line);
                        if (!(parser instanceof JsonLinesTraceParser) && !(parser instanceof MooncakeTraceParser)) {
                            continue; // a CSV header, not a record
                        }
                    }
                    parser.accept(lineNumber, line, ready::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read trace " + source + " at line " + lineNumber + ": " + e.getMessage(), e);
            }
            return !ready.isEmpty();
        }

        @Override
        public RequestLog next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private TraceLineParser parserFor(final String firstLine) {
            final TraceFormat format;
            try {
                format = TraceFormat.detect(firstLine);
            } catch (IllegalArgumentException e) {
                throw new TraceException(source, lineNumber, null, e.getMessage());
            }
            return switch (format) {
                case CSV -> new CsvTraceParser(source, firstLine);
                case JSON_LINES -> new JsonLinesTraceParser(source);
                case AZURE_LLM -> new AzureLlmTraceParser(source, firstLine, options);
                case MOONCAKE -> new MooncakeTraceParser(source, options);
            };
        }

        void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
