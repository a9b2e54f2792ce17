package io.streamscale.cli.policy;

import io.streamscale.schemas.ScalingPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code streamscale policy validate FILE...}: every problem of every file, named by file and field; no Kafka needed. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check policy files (one document or a JSON array each); prints each problem as FILE: FIELD: MESSAGE "
                + "and exits 1 when there is any.")
public final class PolicyValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files; - reads standard input.")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final Map<String, ScalingPolicy> policies = PolicyFiles.parseAll(files, spec.commandLine().getErr());
        if (policies == null) {
            return PolicyCommand.INVALID;
        }
        spec.commandLine().getOut().println(policies.size() + (policies.size() == 1 ? " policy" : " policies")
                + " valid: " + String.join(", ", policies.keySet()));
        return 0;
    }
}
