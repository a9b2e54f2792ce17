package io.streamscale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A smoke run of the benchmark with a few thousand records: every phase runs on the real in-process
 * broker and consumes exactly what it should. It checks outputs only; timings are never asserted.
 */
class ThroughputBenchmarkIT {

    @Test
    void everyPhaseConsumesThePreloadedTopicToItsTarget() {
        final ThroughputBenchmark bench = new ThroughputBenchmark();
        new CommandLine(bench).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(
                "--records", "6000", "--naive-records", "1000", "--endpoints", "20",
                "--phases", "consumer,noop,signals,naive", "--rounds", "1");

        assertThat(bench.call()).isZero();

        final List<PhaseResult> results = bench.results();
        assertThat(results).extracting(PhaseResult::phase)
                .containsExactly("plain consumer", "noop processor", "signal topology", "naive DSL compressed");
        assertThat(results.get(0).records()).isEqualTo(6000);
        assertThat(results.get(1).records()).isEqualTo(6000);
        assertThat(results.get(2).records()).isEqualTo(6000);
        // Committed offsets move a commit at a time, so the naive phase may pass its target a little.
        assertThat(results.get(3).records()).isBetween(1000L, 6000L);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.elapsedNanos()).isPositive();
            assertThat(r.heap().peakBytes()).isPositive();
            assertThat(r.heap().afterGcBytes()).isPositive();
        });
    }
}
