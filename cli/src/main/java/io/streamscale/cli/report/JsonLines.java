package io.streamscale.cli.report;

import io.streamscale.schemas.json.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.avro.generic.IndexedRecord;

/** Writes records as JSON Lines: one camelCase object per line, times in epoch milliseconds (DESIGN.md). */
public final class JsonLines {

    private JsonLines() {
    }

    public static void write(final Path file, final Collection<? extends IndexedRecord> records) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (final IndexedRecord record : records) {
                out.write(RecordJson.toLine(record));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
