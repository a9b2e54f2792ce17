package io.streamscale.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.StreamScaleCommand;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.signals.policy.PolicyDocuments;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamscale policy validate} and {@code import}: no broker involved. */
class PolicyCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine cli = StreamScaleCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void validateAcceptsADocumentAndAnArrayAndNamesThePoliciesFound() throws IOException {
        final Path one = file("one.json", "{\"endpoint\": \"fraud-model\", \"minCapacity\": 1, \"maxCapacity\": 4}");
        final Path two = file("two.json", """
                // two endpoints
                [{"endpoint": "llm-chat", "minCapacity": 1, "maxCapacity": 8},
                 {"endpoint": "llm-chat", "variant": "canary", "minCapacity": 0, "maxCapacity": 2}]
                """);

        assertThat(run("policy", "validate", one.toString(), two.toString())).isZero();
        assertThat(out.toString()).contains("3 policies valid: fraud-model/AllTraffic, llm-chat/AllTraffic, llm-chat/canary");
    }

    @Test
    void validateReportsEveryProblemWithFileAndFieldAndExitsNonZero() throws IOException {
        final Path bad = file("bad.json", """
                {"endpoint": "fraud-model", "minCapacity": 5, "maxCapacity": 2,
                 "targetTracking": [{"TargetValue": -3, "CustomizedMetricSpecification": {"MetricName": "p95LatencyMs"}}]}
                """);

        assertThat(run("policy", "validate", bad.toString())).isEqualTo(PolicyCommand.INVALID);
        assertThat(err.toString()).contains(bad + ": maxCapacity: must be at least minCapacity (5), not 2")
                .contains(bad + ": targetTracking[0].TargetValue: must be more than 0, not -3.0");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void validateNamesAnUnknownField() throws IOException {
        final Path typo = file("typo.json", "{\"endpoint\": \"a\", \"minCapacity\": 1, \"maxCapacity\": 4, \"dryrun\": true}");

        assertThat(run("policy", "validate", typo.toString())).isEqualTo(PolicyCommand.INVALID);
        assertThat(err.toString()).contains(typo + ": dryrun: unknown field 'dryrun'");
    }

    @Test
    void validateRefusesTwoDocumentsForOneEndpointVariant() throws IOException {
        final Path a = file("a.json", "{\"endpoint\": \"a\", \"minCapacity\": 1, \"maxCapacity\": 4}");
        final Path b = file("b.json", "{\"endpoint\": \"a\", \"variant\": \"AllTraffic\", \"minCapacity\": 2, \"maxCapacity\": 4}");

        assertThat(run("policy", "validate", a.toString(), b.toString())).isEqualTo(PolicyCommand.INVALID);
        assertThat(err.toString()).contains("a/AllTraffic already has a policy in " + a);
    }

    @Test
    void validateReportsAMissingFile() {
        assertThat(run("policy", "validate", dir.resolve("missing.json").toString())).isEqualTo(PolicyCommand.INVALID);
        assertThat(err.toString()).contains("missing.json").contains("cannot read");
    }

    @Test
    void importPrintsAPolicyDocumentThatValidates() throws IOException {
        final Path aws = file("aws.json", """
                {"ScalableTargets": [{"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/fraud-model/variant/AllTraffic",
                   "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 2, "MaxCapacity": 20}],
                 "ScalingPolicies": [{"PolicyName": "invocations", "ServiceNamespace": "sagemaker",
                   "ResourceId": "endpoint/fraud-model/variant/AllTraffic", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
                   "PolicyType": "TargetTrackingScaling",
                   "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0, "ScaleInCooldown": 600, "ScaleOutCooldown": 300,
                     "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}}}]}
                """);

        assertThat(run("policy", "import", aws.toString())).isZero();

        final ScalingPolicy policy = PolicyDocuments.parse(out.toString());
        assertThat(policy.getEndpoint()).isEqualTo("fraud-model");
        assertThat(policy.getMinCapacity()).isEqualTo(2);
        assertThat(policy.getMaxCapacity()).isEqualTo(20);
        assertThat(policy.getTargetTracking()).singleElement().satisfies(rule -> {
            assertThat(rule.getMetric()).isEqualTo("invocationsPerInstance");
            assertThat(rule.getScaleOutCooldownSeconds()).isEqualTo(300);
        });
    }

    @Test
    void importOfABareConfigurationTakesEndpointAndCapacityFromOptionsAndWritesTheFile() throws IOException {
        final Path aws = file("config.json", """
                {"TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}}
                """);
        final Path policyFile = dir.resolve("policy.json");

        assertThat(run("policy", "import", aws.toString(), "--endpoint", "fraud-model", "--min-capacity", "1",
                "--max-capacity", "6", "--out", policyFile.toString())).isZero();

        assertThat(out.toString()).contains("wrote " + policyFile);
        assertThat(PolicyDocuments.parse(Files.readString(policyFile)).getMaxCapacity()).isEqualTo(6);
        assertThat(run("policy", "validate", policyFile.toString())).isZero();
    }

    @Test
    void importOfAStepPolicyWithItsAlarmFromOptions() throws IOException {
        final Path aws = file("step.json", """
                {"AdjustmentType": "ChangeInCapacity", "Cooldown": 60,
                 "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}
                """);

        assertThat(run("policy", "import", aws.toString(), "-e", "fraud-model", "--min-capacity", "0", "--max-capacity", "3",
                "--alarm-metric", "queueDepthMax", "--alarm-threshold", "0", "--alarm-comparison", "GreaterThanThreshold")).isZero();

        assertThat(PolicyDocuments.parse(out.toString()).getStepScaling()).singleElement()
                .satisfies(rule -> assertThat(rule.getMetric()).isEqualTo("queueDepthMax"));
    }

    @Test
    void importReportsWhatIsMissingAndExitsNonZero() throws IOException {
        final Path aws = file("config.json", "{\"TargetValue\": 70.0, \"PredefinedMetricSpecification\": "
                + "{\"PredefinedMetricType\": \"SageMakerVariantInvocationsPerInstance\"}}");

        assertThat(run("policy", "import", aws.toString(), "--endpoint", "fraud-model")).isEqualTo(PolicyCommand.INVALID);
        assertThat(err.toString()).contains(aws + ": MinCapacity: is not in the input");
    }
}
