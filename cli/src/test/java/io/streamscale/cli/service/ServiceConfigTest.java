package io.streamscale.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.StreamScaleCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services stop at start-up on bad configuration, with a message naming the key, before touching Kafka. */
class ServiceConfigTest {

    @TempDir
    Path dir;

    @Test
    void ingestRefusesABadValueNamingTheKey() throws Exception {
        final Path file = dir.resolve("ingest.properties");
        Files.writeString(file, "bootstrap.servers=localhost:1\ningest.latency.max.ms=-5\n");
        final String err = run("ingest", "--config", file.toString());
        assertThat(err).contains("ingest.latency.max.ms");
    }

    @Test
    void signalsRefusesAMisspeltKeyNamingIt() throws Exception {
        final Path file = dir.resolve("signals.properties");
        Files.writeString(file, "bootstrap.servers=localhost:1\nsignals.window.sise=PT10S\n");
        final String err = run("signals", "--config", file.toString());
        assertThat(err).contains("signals.window.sise");
    }

    @Test
    void aKeyOfNoSectionIsRefusedByTheLoader() throws Exception {
        final Path file = dir.resolve("typo.properties");
        Files.writeString(file, "bootstrap.server=localhost:1\n");
        assertThat(run("signals", "--config", file.toString())).contains("Unknown configuration key 'bootstrap.server'");
    }

    private static String run(final String... args) {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(StreamScaleCommand.commandLine().execute(args)).isNotZero();
        } finally {
            System.setErr(stderr);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
