package io.streamscale.cli.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscale.cli.DurationConverter;
import io.streamscale.cli.report.HtmlReport;
import io.streamscale.cli.report.JsonLines;
import io.streamscale.cli.report.RunSummary;
import io.streamscale.ingest.trace.TraceReader;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.policy.PolicyDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code streamscale backtest}: signals and decisions over a trace file, no broker, deterministic. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Run the signal and decision code over a trace file (no broker) and write signals.jsonl, "
                + "decisions.jsonl, summary.json and report.html to --out.")
public final class BacktestCommand implements Callable<Integer> {

    @Option(names = "--trace", required = true, description = "Trace file: CSV or JSON Lines (DESIGN.md), or a public trace under shared/data/traces.")
    Path trace;

    @Option(names = "--policy", description = "Policy file (one document or a JSON array); repeatable. Without one, signals only.")
    List<Path> policyFiles = new ArrayList<>();

    @Option(names = "--capacity", description = "Instances at the start (default: each policy's minCapacity, 1 without a policy).")
    Integer capacity;

    @Option(names = "--apply-delay", defaultValue = "0s", converter = DurationConverter.class,
            description = "Time from a decision to its capacity being in force, e.g. 0s, 4m (default ${DEFAULT-VALUE}).")
    Duration applyDelay;

    @Option(names = "--window", defaultValue = "10s", converter = DurationConverter.class, description = "Window size (default ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--grace", defaultValue = "5s", converter = DurationConverter.class, description = "Grace for late records (default ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--out", required = true, description = "Directory to write the results to (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        final List<ScalingPolicy> policies = new ArrayList<>();
        for (final Path file : policyFiles) {
            try {
                policies.addAll(PolicyDocuments.parseAll(Files.readString(file)));
            } catch (IllegalArgumentException e) {
                System.err.println(file + ": " + e.getMessage());
                return 2;
            }
        }
        final Backtest.Result result;
        try (Stream<RequestLog> logs = TraceReader.read(trace)) {
            result = Backtest.run(logs.iterator(), new Backtest.Options(policies, capacity, applyDelay,
                    SignalConfig.DEFAULTS.withWindowSize(window).withGrace(grace)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        write(out, result, policies);
        System.out.printf("backtest: %d records, %d windows, %d decisions; wrote %s%n",
                result.records(), result.signals().size(), result.decisions().size(), out.resolve("report.html").toAbsolutePath());
        return 0;
    }

    static void write(final Path out, final Backtest.Result result, final List<ScalingPolicy> policyList) throws IOException {
        Files.createDirectories(out);
        final Map<String, ScalingPolicy> policies = new LinkedHashMap<>();
        policyList.forEach(p -> policies.put(EndpointKey.of(p.getEndpoint(), p.getVariant()), p));
        JsonLines.write(out.resolve("signals.jsonl"), result.signals());
        if (!result.modelSignals().isEmpty()) {
            JsonLines.write(out.resolve("model-signals.jsonl"), result.modelSignals());
        }
        JsonLines.write(out.resolve("decisions.jsonl"), result.decisions());
        final ObjectNode summary = RunSummary.of(result.records(), Map.of(), result.signals(), result.decisions(), null, policies);
        Files.writeString(out.resolve("summary.json"), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        Files.writeString(out.resolve("report.html"), HtmlReport.render("StreamScale backtest", "backtest",
                HtmlReport.EndpointSeries.byEndpoint(result.signals(), result.decisions(), policies), Map.of(), summary));
    }
}
