package io.streamscale.actuator.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Puts every HTTP attempt the SDK makes (first tries and retries alike) under the global
 * {@link CallsPerMinute} ceiling. Runs on the calling thread of the synchronous clients.
 */
final class CallCeilingInterceptor implements ExecutionInterceptor {

    private final CallsPerMinute ceiling;

    CallCeilingInterceptor(final CallsPerMinute ceiling) {
        this.ceiling = ceiling;
    }

    @Override
    public void beforeTransmission(final Context.BeforeTransmission context, final ExecutionAttributes attributes) {
        try {
            ceiling.acquire();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting under the calls-per-minute ceiling", e);
        }
    }
}
