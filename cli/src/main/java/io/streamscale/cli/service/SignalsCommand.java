package io.streamscale.cli.service;

import io.streamscale.cli.KafkaOptions;
import io.streamscale.cli.config.StreamScaleConfig;
import io.streamscale.cli.ops.OpsServer;
import io.streamscale.cli.query.LatestSignals;
import io.streamscale.cli.run.StreamsRunner;
import io.streamscale.schemas.Topics;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.SignalTopology;
import io.streamscale.signals.decision.DecisionTopology;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamscale signals}: the signal topology and the decision topology, as two Streams apps
 * in one service (they scale the same way: by partitions of the endpoint-keyed topics). The current
 * signals are served over HTTP by interactive queries across instances.
 */
@Command(name = "signals", mixinStandardHelpOptions = true,
        description = "Aggregate request logs into per-endpoint signals and turn them into scaling decisions.")
public final class SignalsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--advertised-host", defaultValue = "localhost",
            description = "Host name other instances use to reach this one's HTTP port for interactive queries (default: ${DEFAULT-VALUE}).")
    String advertisedHost;

    /**
     * The signal app's own Streams settings (docs/BENCHMARKS.md has the measurements): the
     * topology's overrides (no per-record wait on its empty co-partitioned policy and capacity
     * inputs), and a 1 s commit interval instead of exactly-once's 100 ms, because each commit writes
     * the live windows' snapshots and windows close every 10 s anyway. {@code kafka.*} settings
     * still override both.
     */
    public static Map<String, Object> signalAppOverrides() {
        final Map<String, Object> overrides = new java.util.HashMap<>(SignalTopology.streamsOverrides());
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        return overrides;
    }

    @Override
    public Integer call() throws InterruptedException {
        return RunningService.serve("signals", this::start);
    }

    /**
     * Validates the settings (throwing with the key named), checks that the joined topics are
     * co-partitioned, and starts both apps and the ops server with its {@code /signals} route.
     */
    public RunningService start() {
        kafka.acceptSections(StreamsServices.SECTIONS);
        final StreamScaleConfig config = kafka.config();
        final SignalConfig signals = SignalConfig.fromProperties(kafka.allValues());
        final Topics topics = kafka.topics();
        CoPartitioning.require(kafka.clientProperties(), "the signal topology",
                List.of(topics.requestLogs().name(), topics.policies().name(), topics.capacity().name()));
        CoPartitioning.require(kafka.clientProperties(), "the decision topology",
                List.of(topics.signals().name(), topics.policies().name(), topics.capacity().name()));
        final OpsServer ops = StreamsServices.opsServer(config);
        final Map<String, Object> signalOverrides = new java.util.HashMap<>(signalAppOverrides());
        if (ops != null) {
            signalOverrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + ops.port());
        }
        final StreamsRunner signalApp = new StreamsRunner("signals", SignalTopology.build(topics, signals),
                StreamsServices.properties(config, "signals", signalOverrides), ops);
        final StreamsRunner decisionApp = new StreamsRunner("decisions", DecisionTopology.build(topics),
                StreamsServices.properties(config, "decisions", Map.of()), ops);
        if (ops != null) {
            new LatestSignals(signalApp.streams(), SignalTopology.LATEST_SIGNALS_STORE, new HostInfo(advertisedHost, ops.port())).register(ops);
        }
        System.out.println("signals: " + topics.requestLogs().name() + " -> " + topics.signals().name()
                + "; decisions: " + topics.signals().name() + " + " + topics.policies().name() + " -> " + topics.decisions().name());
        return new RunningService(List.of(signalApp, decisionApp), ops);
    }
}
