package io.streamscale.actuator.aws;

import io.streamscale.actuator.ActuatorConfig;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The three SDK clients the actuator uses, built alike: one region, an optional endpoint override
 * (as the AWS CLI's {@code --endpoint-url}), the SDK's standard retry strategy (throttling, 5xx and
 * I/O errors retried with exponential backoff and jitter, a bounded number of attempts and the SDK's
 * retry quota) and the global calls-per-minute ceiling on every attempt. Credentials come from the
 * SDK's default provider chain (environment, system properties, profile, web identity, container,
 * instance metadata); they are never read, stored or logged here.
 */
public final class AwsClients implements AutoCloseable {

    private final SdkHttpClient http;
    private final SageMakerClient sageMaker;
    private final ApplicationAutoScalingClient autoScaling;
    private final CloudWatchClient cloudWatch;
    private final CallsPerMinute ceiling;
    private final AwsCallTimings timings;
    private final AwsCredentialsProvider credentials;

    private AwsClients(final ActuatorConfig config, final AwsCredentialsProvider credentials) {
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.ceiling = new CallsPerMinute(config.callsPerMinute());
        this.timings = new AwsCallTimings();
        this.sageMaker = configure(SageMakerClient.builder(), config, credentials).httpClient(http).build();
        this.autoScaling = configure(ApplicationAutoScalingClient.builder(), config, credentials).httpClient(http).build();
        this.cloudWatch = configure(CloudWatchClient.builder(), config, credentials).httpClient(http).build();
    }

    /** Production clients: credentials from the SDK's default provider chain only. */
    public static AwsClients create(final ActuatorConfig config) {
        return new AwsClients(config, DefaultCredentialsProvider.builder().build());
    }

    /** Clients with given credentials; for tests against a local server (static fake keys). */
    public static AwsClients withCredentials(final ActuatorConfig config, final AwsCredentialsProvider credentials) {
        return new AwsClients(config, credentials);
    }

    public SageMakerClient sageMaker() {
        return sageMaker;
    }

    public ApplicationAutoScalingClient autoScaling() {
        return autoScaling;
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    /**
     * Fails fast, before any decision is consumed, when the provider chain finds no credentials.
     * The credentials themselves are resolved and dropped: never kept, never logged.
     */
    public void requireCredentials() {
        try {
            credentials.resolveCredentials();
        } catch (final RuntimeException e) {
            throw new IllegalStateException("no AWS credentials found by the SDK's default provider chain "
                    + "(environment, system properties, profile, web identity, container, instance metadata); "
                    + "set them up, or run with --dry-run", e);
        }
    }

    /** Time spent in AWS calls, per operation. */
    public AwsCallTimings callTimings() {
        return timings;
    }

    /** HTTP requests sent so far (every attempt, retries included). */
    public long requestsSent() {
        return ceiling.total();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(final B builder, final ActuatorConfig config,
            final AwsCredentialsProvider credentials) {
        final BackoffStrategy backoff = BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.retryMaxBackoff());
        final RetryStrategy retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.awsMaxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
        builder.region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retry)
                        .addExecutionInterceptor(new CallCeilingInterceptor(ceiling))
                        .addExecutionInterceptor(timings)
                        .build());
        final URI endpoint = config.awsEndpointUrl();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    @Override
    public void close() {
        sageMaker.close();
        autoScaling.close();
        cloudWatch.close();
        http.close();
    }
}
