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
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
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

    @Override
    public Integer call() throws InterruptedException {
        kafka.acceptSections("signals.");
        final StreamScaleConfig config;
        final SignalConfig signals;
        try {
            config = kafka.config();
            signals = SignalConfig.fromProperties(kafka.allValues());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return 2;
        }
        final Topics topics = kafka.topics();
        final OpsServer ops = StreamsServices.opsServer(config);
        final Map<String, Object> signalOverrides = ops == null ? Map.of()
                : Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + ops.port());
        final StreamsRunner signalApp = new StreamsRunner("signals", SignalTopology.build(topics, signals),
                StreamsServices.properties(config, "signals", signalOverrides), ops);
        final StreamsRunner decisionApp = new StreamsRunner("decisions", DecisionTopology.build(topics),
                StreamsServices.properties(config, "decisions", Map.of()), ops);
        if (ops != null) {
            new LatestSignals(signalApp.streams(), SignalTopology.LATEST_SIGNALS_STORE, new HostInfo(advertisedHost, ops.port())).register(ops);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            decisionApp.close();
            signalApp.close();
            if (ops != null) {
                ops.close();
            }
        }, "signals-shutdown"));
        System.out.println("signals: " + topics.requestLogs().name() + " -> " + topics.signals().name()
                + "; decisions: " + topics.signals().name() + " + " + topics.policies().name() + " -> " + topics.decisions().name());
        signalApp.awaitStop();
        decisionApp.close();
        return 0;
    }
}
