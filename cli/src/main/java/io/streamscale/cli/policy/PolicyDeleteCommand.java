package io.streamscale.cli.policy;

import io.streamscale.cli.KafkaOptions;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.ScalingPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code streamscale policy delete ENDPOINT[/VARIANT]...}: a tombstone per endpoint variant, so compaction drops its policy. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Remove the policy of ENDPOINT[/VARIANT] (a tombstone on the scaling-policies topic); StreamScale stops deciding for it.")
public final class PolicyDeleteCommand implements Callable<Integer> {

    @Mixin
    private KafkaOptions kafka;

    @Parameters(arity = "1..*", paramLabel = "ENDPOINT[/VARIANT]", description = "Endpoint variants (variant AllTraffic by default).")
    private List<String> endpoints;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, ScalingPolicy> tombstones = new LinkedHashMap<>();
        endpoints.forEach(e -> tombstones.put(EndpointKey.parse(e).toString(), null));
        final PolicyTopic topic = new PolicyTopic(kafka.topics().policies(), kafka.clientProperties());
        try {
            topic.write(tombstones);
        } catch (final ExecutionException | TimeoutException | KafkaException e) {
            final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            spec.commandLine().getErr().println("could not delete policies on " + topic.name() + ": " + cause.getMessage());
            spec.commandLine().getErr().flush();
            return PolicyCommand.UNAVAILABLE;
        }
        tombstones.keySet().forEach(key -> spec.commandLine().getOut().println("deleted " + key + " from " + topic.name()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
