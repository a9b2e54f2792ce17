package io.streamscale.cli;

import io.streamscale.cli.demo.Demo;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code streamscale demo}: everything in one JVM on the embedded default, a real trace, a report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run StreamScale end to end on an embedded Kafka broker (no Docker, no cloud): replay a real trace, "
                + "watch the live table, get signals, decisions, actions, summary.json and report.html in --out.")
final class DemoCommand implements Callable<Integer> {

    enum ActuatorMode { DRY_RUN, AWS }

    @Option(names = "--trace", description = "Trace file to replay (default: the bundled slice of the Azure LLM inference trace).")
    Path trace;

    @Option(names = "--speed", defaultValue = "5", description = "Replay at real time × this; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--policy", description = "Policy file, one document or an array (default: the bundled demo policy).")
    Path policy;

    @Option(names = "--out", defaultValue = "streamscale-demo", description = "Output directory (default ./${DEFAULT-VALUE}/).")
    Path out;

    @Option(names = "--raw-input", description = "A file of raw producer lines (any JSON or garbage) also fed through ingest.")
    Path rawInput;

    @Option(names = "--actuator", defaultValue = "dry-run", converter = ModeConverter.class,
            description = "dry-run (default: records DRY_RUN outcomes, calls nothing) or aws (applies decisions through the AWS SDK).")
    ActuatorMode actuator;

    @Option(names = "--aws-endpoint-url", description = "With --actuator aws: send AWS calls to this URL (as the AWS CLI's --endpoint-url).")
    URI awsEndpointUrl;

    @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}", description = "AWS region (default: $AWS_REGION or us-east-1).")
    String region;

    @Option(names = "--live", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Redraw the live table on a terminal (default when the output is a terminal).")
    boolean live;

    @Override
    public Integer call() throws Exception {
        final Demo.Outcome outcome;
        try {
            outcome = Demo.run(new Demo.Options(trace, speed, policy, out, rawInput, actuator == ActuatorMode.DRY_RUN,
                    awsEndpointUrl, region, live && System.console() != null, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.printf("%nDemo finished: %d records published, %d accepted, %d rejected %s; %d windows, %d decisions, %d actions.%n",
                outcome.published(), outcome.accepted(), outcome.rejected().values().stream().mapToLong(Long::longValue).sum(),
                outcome.rejected(), outcome.windows(), outcome.decisions(), outcome.actions());
        System.out.println("Files in " + outcome.out().toAbsolutePath() + ": signals.jsonl, decisions.jsonl, actions.jsonl, summary.json");
        System.out.println("Report: " + outcome.out().resolve("report.html").toAbsolutePath());
        return 0;
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<ActuatorMode> {
        @Override
        public ActuatorMode convert(final String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "dry-run", "dryrun", "dry_run" -> ActuatorMode.DRY_RUN;
                case "aws" -> ActuatorMode.AWS;
                default -> throw new picocli.CommandLine.TypeConversionException("--actuator is dry-run or aws, not '" + value + "'");
            };
        }
    }
}
