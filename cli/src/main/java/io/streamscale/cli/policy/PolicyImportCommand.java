package io.streamscale.cli.policy;

import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.signals.policy.AwsPolicyImport;
import io.streamscale.signals.policy.PolicyDocuments;
import io.streamscale.signals.policy.PolicyValidationException;
import io.streamscale.schemas.ScalingPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscale policy import AWS_FILE}: an AWS CLI output or input file as a StreamScale policy
 * document, printed (or written with {@code --out}) for review before {@code policy put}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert AWS JSON (describe-scaling-policies, describe-scheduled-actions, describe-scalable-targets, "
                + "describe-alarms output, put-scaling-policy --cli-input-json, or a bare TargetTracking/StepScaling "
                + "configuration) to a StreamScale policy document.")
public final class PolicyImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "AWS_FILE", description = "AWS JSON file; - reads standard input.")
    private Path file;

    @Option(names = {"-e", "--endpoint"}, description = "Endpoint to import; default: the one the file's ResourceId names.")
    private String endpoint;

    @Option(names = {"-v", "--variant"}, description = "Variant (default AllTraffic when --endpoint is given).")
    private String variant;

    @Option(names = "--min-capacity", description = "MinCapacity, when the file has no scalable target (or to override it).")
    private Integer minCapacity;

    @Option(names = "--max-capacity", description = "MaxCapacity, when the file has no scalable target (or to override it).")
    private Integer maxCapacity;

    @Option(names = "--alarm-metric", description = "Signal a step policy's alarm watches, when the file has no MetricAlarms.")
    private String alarmMetric;

    @Option(names = "--alarm-threshold", description = "Threshold of that alarm.")
    private Double alarmThreshold;

    @Option(names = "--alarm-comparison", description = "Comparison of that alarm: ${COMPLETION-CANDIDATES}.")
    private ComparisonOperator alarmComparison;

    @Option(names = {"-o", "--out"}, description = "Write the policy document here instead of standard output.")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final ScalingPolicy policy;
        try {
            policy = AwsPolicyImport.fromAws(PolicyFiles.read(file), endpoint, variant,
                    new AwsPolicyImport.Options(minCapacity, maxCapacity, alarmMetric, alarmThreshold, alarmComparison));
        } catch (final PolicyValidationException e) {
            e.problems().forEach(p -> spec.commandLine().getErr().println(PolicyFiles.line(file, p)));
            spec.commandLine().getErr().flush();
            return PolicyCommand.INVALID;
        }
        final String json = PolicyDocuments.toJson(policy);
        if (out != null) {
            Files.writeString(out, json, StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + out + " (" + policy.getEndpoint() + "/" + policy.getVariant() + ")");
        } else {
            spec.commandLine().getOut().print(json);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
