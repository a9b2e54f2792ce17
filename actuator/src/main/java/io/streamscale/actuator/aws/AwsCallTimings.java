package io.streamscale.actuator.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * How long AWS takes, per operation: every call of the SDK clients from its start to its end,
 * retries and backoff included (what the decision loop waits for), counted separately when it
 * fails. Kept as plain counters so the service can publish them to any metrics registry.
 */
public final class AwsCallTimings implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("StreamScaleCallStarted");

    /** Calls of one operation with one result so far. */
    public static final class Stats {
        private final LongAdder count = new LongAdder();
        private final LongAdder totalNanos = new LongAdder();
        private final AtomicLong maxNanos = new AtomicLong();

        void record(final long nanos) {
            count.increment();
            totalNanos.add(nanos);
            maxNanos.accumulateAndGet(nanos, Math::max);
        }

        public long count() {
            return count.sum();
        }

        public double totalSeconds() {
            return totalNanos.sum() / 1e9;
        }

        public double maxSeconds() {
            return maxNanos.get() / 1e9;
        }
    }

    /** Operation ("SageMaker.DescribeEndpoint") and whether it succeeded. */
    public record Call(String operation, boolean succeeded) {
    }

    private final Map<Call, Stats> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(final Context.BeforeExecution context, final ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(final Context.AfterExecution context, final ExecutionAttributes attributes) {
        record(attributes, true);
    }

    @Override
    public void onExecutionFailure(final Context.FailedExecution context, final ExecutionAttributes attributes) {
        record(attributes, false);
    }

    private void record(final ExecutionAttributes attributes, final boolean succeeded) {
        final Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        final String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(new Call(operation, succeeded), c -> new Stats()).record(System.nanoTime() - started);
    }

    /** Every operation called so far, in name order. */
    public Map<Call, Stats> snapshot() {
        final Map<Call, Stats> sorted = new TreeMap<>((a, b) -> a.operation().equals(b.operation())
                ? Boolean.compare(b.succeeded(), a.succeeded()) : a.operation().compareTo(b.operation()));
        sorted.putAll(calls);
        return sorted;
    }
}
