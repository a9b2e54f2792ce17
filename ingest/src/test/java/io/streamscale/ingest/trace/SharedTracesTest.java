package io.streamscale.ingest.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamscale.schemas.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The full public traces, where the shared data folder is present (it is not part of the repository). */
class SharedTracesTest {

    private static final Path TRACES = Path.of(System.getProperty("streamscale.traces", "/work/shared/data/traces"));

    private static List<RequestLog> readAll(final String name) {
        final Path file = TRACES.resolve(name);
        assumeTrue(Files.isReadable(file), () -> file + " is not here");
        try (Stream<RequestLog> logs = TraceReader.read(file)) {
            return logs.toList();
        }
    }

    @Test
    void azureCodeTraceGivesOneRequestLogPerRequestInArrivalOrder() {
        final List<RequestLog> logs = readAll("azure-llm-2023-code.csv");

        assertThat(TraceReader.detectFormat(TRACES.resolve("azure-llm-2023-code.csv"))).isEqualTo(TraceFormat.AZURE_LLM);
        assertThat(logs).hasSize(8819);
        assertThat(logs).isSortedAccordingTo(Comparator.comparing(RequestLog::getTimestamp));
        assertThat(logs.get(0).getTimestamp()).isEqualTo(Instant.parse("2023-11-16T18:17:03.979Z"));
        assertThat(logs).allSatisfy(log -> assertThat(log.getModelLatencyMicros()).isPositive());
    }

    @Test
    void mooncakeConversationTraceSpreadsQuantisedArrivalsWithoutReordering() {
        final List<RequestLog> logs = readAll("mooncake-fast25-conversation.jsonl");

        assertThat(TraceReader.detectFormat(TRACES.resolve("mooncake-fast25-conversation.jsonl"))).isEqualTo(TraceFormat.MOONCAKE);
        assertThat(logs).hasSize(12031);
        assertThat(logs).isSortedAccordingTo(Comparator.comparing(RequestLog::getTimestamp));
        final long distinctMillis = logs.stream().map(RequestLog::getTimestamp).distinct().count();
        assertThat(distinctMillis).isGreaterThan(10_000);
        assertThat(logs).extracting(RequestLog::getRequestId).doesNotHaveDuplicates();
    }
}
