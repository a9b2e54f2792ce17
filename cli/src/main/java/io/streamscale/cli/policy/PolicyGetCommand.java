package io.streamscale.cli.policy;

import io.streamscale.cli.KafkaOptions;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.signals.policy.PolicyDocuments;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscale policy get [ENDPOINT[/VARIANT]]}: the policy in force, as the document
 * {@code policy put} takes, so get, edit, put is a round trip. Without an argument, every policy as
 * a JSON array.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print the policy in force for ENDPOINT[/VARIANT] (variant AllTraffic by default), or all as a JSON array.")
public final class PolicyGetCommand implements Callable<Integer> {

    @Mixin
    private KafkaOptions kafka;

    @Parameters(arity = "0..1", paramLabel = "ENDPOINT[/VARIANT]", description = "One endpoint variant; omit for all.")
    private String endpoint;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PolicyTopic topic = new PolicyTopic(kafka.topics().policies(), kafka.clientProperties());
        final Map<String, ScalingPolicy> policies;
        try {
            policies = topic.readAll();
        } catch (final KafkaException e) {
            spec.commandLine().getErr().println("could not read " + topic.name() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return PolicyCommand.UNAVAILABLE;
        }
        if (endpoint == null) {
            spec.commandLine().getOut().print(PolicyDocuments.toJson(new ArrayList<>(policies.values())));
        } else {
            final String key = EndpointKey.parse(endpoint).toString();
            final ScalingPolicy policy = policies.get(key);
            if (policy == null) {
                spec.commandLine().getErr().println("no policy for " + key + " on " + topic.name()
                        + (policies.isEmpty() ? " (it holds none)" : " (it holds " + String.join(", ", policies.keySet()) + ")"));
                spec.commandLine().getErr().flush();
                return PolicyCommand.INVALID;
            }
            spec.commandLine().getOut().print(PolicyDocuments.toJson(policy));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
