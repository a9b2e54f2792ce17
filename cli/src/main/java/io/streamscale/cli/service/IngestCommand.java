package io.streamscale.cli.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.streamscale.cli.KafkaOptions;
import io.streamscale.cli.config.StreamScaleConfig;
import io.streamscale.cli.ops.OpsServer;
import io.streamscale.cli.run.StreamsRunner;
import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.IngestService;
import io.streamscale.ingest.IngestTopology;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code streamscale ingest}: the normalising topology as a long-running service. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Validate and normalise raw request logs into inference-logs; bad records go to the dead-letter topic with a reason.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws InterruptedException {
        return RunningService.serve("ingest", this::start);
    }

    /** Validates the settings (throwing with the key named) and starts the service. */
    public RunningService start() {
        kafka.acceptSections(StreamsServices.SECTIONS);
        final StreamScaleConfig config = kafka.config();
        final IngestConfig ingest = IngestConfig.fromMap(kafka.allValues());
        final Topics topics = kafka.topics();
        final DeadLetterCounts deadLetters = new DeadLetterCounts();
        final OpsServer ops = StreamsServices.opsServer(config);
        if (ops != null) {
            for (final ReasonCode reason : ReasonCode.values()) {
                FunctionCounter.builder("streamscale.ingest.dead.letters", deadLetters, c -> c.rejected(reason))
                        .tag("reason", reason.name()).description("Records routed to the dead-letter topic, by reason")
                        .register(ops.meterRegistry());
            }
        }
        final StreamsRunner runner = new StreamsRunner("ingest", IngestTopology.build(topics, ingest, deadLetters),
                StreamsServices.properties(config, "ingest", IngestService.streamsOverrides(topics, deadLetters)), ops);
        System.out.println("ingest: " + topics.rawRequestLogs().name() + " -> " + topics.requestLogs().name()
                + " (bad records -> " + topics.deadLetters().name() + ")");
        return new RunningService(java.util.List.of(runner), ops);
    }
}
