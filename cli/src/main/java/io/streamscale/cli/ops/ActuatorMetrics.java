package io.streamscale.cli.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamscale.actuator.Actuator;
import io.streamscale.actuator.aws.AwsCallTimings;
import io.streamscale.schemas.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The actuator on the ops server: ready once it runs with its partitions assigned; outcomes by kind;
 * and the time AWS takes per operation, successes and failures apart (retries included).
 */
public final class ActuatorMetrics {

    /** Every operation the actuator calls, as the SDK names them. */
    static final List<String> OPERATIONS = List.of("SageMaker.DescribeEndpoint", "SageMaker.UpdateEndpointWeightsAndCapacities",
            "ApplicationAutoScaling.DescribeScalableTargets", "ApplicationAutoScaling.RegisterScalableTarget",
            "CloudWatch.PutMetricData");

    private ActuatorMetrics() {
    }

    public static void bind(final Actuator actuator, final OpsServer ops) {
        ops.addReadinessCheck("actuator", () -> actuator.isRunning() && actuator.isAssigned());
        final MeterRegistry registry = ops.meterRegistry();
        for (final Outcome outcome : Outcome.values()) {
            FunctionCounter.builder("streamscale.actuator.outcomes", actuator, a -> a.outcomeCounts().getOrDefault(outcome, 0L))
                    .tag("outcome", outcome.name()).description("Decisions handled, by outcome").register(registry);
        }
        Gauge.builder("streamscale.actuator.running", actuator, a -> a.isRunning() ? 1 : 0).register(registry);
        final AwsCallTimings timings = actuator.awsCallTimings();
        for (final String operation : OPERATIONS) {
            for (final boolean succeeded : new boolean[] {true, false}) {
                final AwsCallTimings.Call call = new AwsCallTimings.Call(operation, succeeded);
                FunctionTimer.builder("streamscale.aws.calls", timings,
                                t -> stats(t, call) == null ? 0 : stats(t, call).count(),
                                t -> stats(t, call) == null ? 0 : stats(t, call).totalSeconds(), TimeUnit.SECONDS)
                        .tag("operation", operation).tag("result", succeeded ? "success" : "failure")
                        .description("AWS calls and their time, retries and backoff included").register(registry);
            }
        }
    }

    private static AwsCallTimings.Stats stats(final AwsCallTimings timings, final AwsCallTimings.Call call) {
        return timings.snapshot().get(call);
    }
}
