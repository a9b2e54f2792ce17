package io.streamscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad options stop the benchmark before it starts a broker, with a message naming the option. */
class ThroughputBenchmarkOptionsTest {

    @ParameterizedTest
    @CsvSource({
        "--records, 0",
        "--naive-records, -5",
        "--rounds, 0",
        "--threads, 0",
        "--partitions, 0",
        "--commit-interval-ms, -1",
        "--fleet-rps, 0",
    })
    void rejectsAnOptionOutOfRangeNamingIt(final String option, final String value) {
        final StringWriter err = new StringWriter();
        final CommandLine command = new CommandLine(new ThroughputBenchmark()).setErr(new PrintWriter(err));

        final int exitCode = command.execute(option, value);

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(option);
    }

    @ParameterizedTest
    @CsvSource({"--phases, everything", "--records, many"})
    void rejectsAValueOfTheWrongTypeNamingTheOption(final String option, final String value) {
        final StringWriter err = new StringWriter();
        final CommandLine command = new CommandLine(new ThroughputBenchmark()).setErr(new PrintWriter(err));

        assertThat(command.execute(option, value)).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains(option);
    }
}
