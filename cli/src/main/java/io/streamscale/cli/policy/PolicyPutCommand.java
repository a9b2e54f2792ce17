package io.streamscale.cli.policy;

import io.streamscale.cli.KafkaOptions;
import io.streamscale.schemas.ScalingPolicy;
import java.nio.file.Path;
import java.time.Instant;
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

/**
 * {@code streamscale policy put FILE...}: validates every document first and writes none unless all
 * are valid, then puts each on the compacted topic keyed endpoint/variant, stamped with updatedAt;
 * a running decision topology picks the change up at once.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Validate policy files (one document or a JSON array each) and put them on the scaling-policies topic.")
public final class PolicyPutCommand implements Callable<Integer> {

    @Mixin
    private KafkaOptions kafka;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files; - reads standard input.")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, ScalingPolicy> parsed = PolicyFiles.parseAll(files, spec.commandLine().getErr());
        if (parsed == null) {
            return PolicyCommand.INVALID;
        }
        final Instant now = Instant.now();
        final Map<String, ScalingPolicy> stamped = new LinkedHashMap<>();
        parsed.forEach((key, policy) -> stamped.put(key, ScalingPolicy.newBuilder(policy).setUpdatedAt(now).build()));
        final PolicyTopic topic = new PolicyTopic(kafka.topics().policies(), kafka.clientProperties());
        try {
            topic.write(stamped);
        } catch (final ExecutionException | TimeoutException | KafkaException e) {
            final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            spec.commandLine().getErr().println("could not put policies on " + topic.name() + ": " + cause.getMessage());
            spec.commandLine().getErr().flush();
            return PolicyCommand.UNAVAILABLE;
        }
        stamped.keySet().forEach(key -> spec.commandLine().getOut().println("put " + key + " on " + topic.name()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
