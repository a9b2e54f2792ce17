package io.streamscale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamscale} command: every part of StreamScale, and its tools, behind one entry point. */
@Command(name = "streamscale", mixinStandardHelpOptions = true, version = "streamscale 0.1.0",
        description = "Real-time autoscaling for ML inference endpoints, on Kafka Streams.",
        subcommands = {
                DemoCommand.class,
                io.streamscale.cli.service.IngestCommand.class,
                io.streamscale.cli.service.SignalsCommand.class,
                io.streamscale.cli.backtest.BacktestCommand.class,
                io.streamscale.cli.watch.WatchCommand.class,
                ConfigDocsCommand.class,
                ActuatorCommand.class,
                io.streamscale.cli.policy.PolicyCommand.class,
                io.streamscale.cli.replay.ReplayCommand.class,
                CommandLine.HelpCommand.class
        })
public final class StreamScaleCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new StreamScaleCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
