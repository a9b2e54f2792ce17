package io.streamscale.cli.policy;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code streamscale policy}: scaling policies as data on the compacted scaling-policies topic.
 * Exit codes: 0 done, 1 a policy or AWS file is invalid (every problem is printed with its field),
 * 2 bad command-line usage, 3 Kafka could not be reached or did not answer.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Put, get and validate scaling policies; import an AWS policy (docs/POLICIES.md).",
        subcommands = {PolicyPutCommand.class, PolicyGetCommand.class, PolicyDeleteCommand.class,
                PolicyValidateCommand.class, PolicyImportCommand.class})
public final class PolicyCommand implements Callable<Integer> {

    /** A policy or AWS file could not be used. */
    public static final int INVALID = 1;
    /** Kafka or the schema registry failed. */
    public static final int UNAVAILABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
