package io.streamscale.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.cli.StreamScaleCommand;
import io.streamscale.cli.report.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscale demo} end to end in this JVM: the bundled trace slice through ingest, signals,
 * decisions and the dry-run actuator on the embedded broker, plus three bad producer lines.
 */
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void replaysTheBundledTraceAndWritesFilesDecisionsWithReasonsAndAReport() throws Exception {
        final Path raw = dir.resolve("raw.txt");
        Files.writeString(raw, "{not json\n{\"endpoint\":\"bad name!\",\"timestamp\":1,\"latencyMs\":3}\n\u0000\u0001garbage\n");
        final Path out = dir.resolve("out");

        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exit;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            exit = StreamScaleCommand.commandLine().execute("demo", "--speed", "0", "--no-live", "--out", out.toString(),
                    "--raw-input", raw.toString());
        } finally {
            System.setOut(stdout);
        }
        final String printed = console.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Report: " + out.resolve("report.html").toAbsolutePath());
        for (final String file : List.of("signals.jsonl", "decisions.jsonl", "actions.jsonl", "summary.json", "report.html")) {
            assertThat(out.resolve(file)).as(file).exists();
        }

        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        final long published = summary.get("published").asLong();
        final long accepted = summary.at("/ingest/accepted").asLong();
        long rejected = 0;
        for (final JsonNode count : summary.at("/ingest/rejected")) {
            rejected += count.asLong();
        }
        assertThat(rejected).as("the three bad lines, and nothing else").isEqualTo(3);
        assertThat(accepted).as("every trace record").isEqualTo(published - 3).isPositive();

        final List<JsonNode> decisions = lines(out.resolve("decisions.jsonl"));
        assertThat(decisions).as("the demo policy scales the bundled trace").isNotEmpty();
        assertThat(decisions).allSatisfy(d -> assertThat(d.get("reason").asText()).isNotBlank());
        final List<JsonNode> actions = lines(out.resolve("actions.jsonl"));
        assertThat(actions).extracting(a -> a.get("decisionId").asText())
                .containsExactlyInAnyOrderElementsOf(decisions.stream().map(d -> d.get("decisionId").asText()).toList());
        // Played as fast as possible, a decision can be superseded by a newer one for the same
        // endpoint before the actuator gets to it: it is then skipped, never applied late.
        assertThat(actions).allSatisfy(a -> assertThat(a.get("outcome").asText()).isIn("DRY_RUN", "SKIPPED_STALE"));
        assertThat(actions).filteredOn(a -> a.get("outcome").asText().equals("SKIPPED_STALE"))
                .allSatisfy(a -> assertThat(a.get("error").asText()).contains("superseded"));
        assertThat(actions).anySatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("DRY_RUN"));
        assertThat(summary.at("/decisions/scaleOut").asLong() + summary.at("/decisions/scaleIn").asLong()).isEqualTo(decisions.size());

        final List<JsonNode> signals = lines(out.resolve("signals.jsonl"));
        final List<String> endpoints = signals.stream().map(s -> s.get("endpoint").asText() + "/" + s.get("variant").asText())
                .distinct().toList();
        assertThat(endpoints).isNotEmpty();
        final String html = Files.readString(out.resolve("report.html"));
        endpoints.forEach(endpoint -> assertThat(html).contains("\"key\":\"" + endpoint + "\""));

        final Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        if (chromium.isPresent()) {
            final String dom = chromium.get().dumpDom(out.resolve("report.html"));
            // Four charts per endpoint variant, and the dead-letter chart.
            assertThat(dom).contains("data-charts-rendered=\"" + (4 * endpoints.size() + 1) + "\"");
            endpoints.forEach(endpoint -> assertThat(dom).contains("data-endpoint=\"" + endpoint + "\""));
        }
    }

    private static List<JsonNode> lines(final Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("Not JSON: " + l, e);
            }
        }).toList();
    }
}
