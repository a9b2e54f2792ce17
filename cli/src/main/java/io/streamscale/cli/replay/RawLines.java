package io.streamscale.cli.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a file as bytes, exactly as written (invalid UTF-8 included): split at '\n', with a
 * '\r' before it dropped (a line ending, not content), and no empty line after a final newline.
 */
final class RawLines {

    private RawLines() {
    }

    static List<byte[]> read(final Path file) throws IOException {
        return split(Files.readAllBytes(file));
    }

    static List<byte[]> split(final byte[] bytes) {
        final List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                final int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(bytes, start, end));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }
}
