package io.streamscale.cli;

import io.streamscale.actuator.Actuator;
import io.streamscale.actuator.ActuatorConfig;
import io.streamscale.actuator.Backend;
import io.streamscale.cli.ops.ActuatorMetrics;
import io.streamscale.cli.ops.OpsServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Runs the actuator as a long-running service against a Kafka cluster: every option maps to one
 * field of {@link ActuatorConfig} (documented in docs/ACTUATOR.md). Dry-run unless
 * {@code --no-dry-run}; AWS credentials only from the SDK's default provider chain.
 */
@Command(name = "actuator", mixinStandardHelpOptions = true,
        description = "Apply scaling decisions through AWS exactly once and record every outcome (dry-run by default).")
final class ActuatorCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "http://localhost:8081",
            description = "Confluent-API schema registry (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--topic-prefix", defaultValue = "", description = "Prefix of every StreamScale topic.")
    String topicPrefix;

    @Option(names = "--group-id", defaultValue = "streamscale-actuator", description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--transactional-id", description = "Stable per instance, unique across instances (default: <group-id>-0).")
    String transactionalId;

    @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}", description = "AWS region (default: $AWS_REGION or us-east-1).")
    String region;

    @Option(names = "--aws-endpoint-url", description = "Send all AWS calls to this URL instead of AWS's (as the AWS CLI's --endpoint-url).")
    URI awsEndpointUrl;

    @Option(names = "--dry-run", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Record DRY_RUN outcomes and call nothing (default). --no-dry-run acts on AWS.")
    boolean dryRun;

    @Option(names = "--backend", defaultValue = "sagemaker", converter = BackendConverter.class,
            description = "sagemaker or application-autoscaling, for decisions whose policy names none (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Option(names = "--force-backend", description = "Use --backend even when a policy names another.")
    boolean forceBackend;

    @Option(names = "--max-decision-age", defaultValue = "10m", converter = DurationConverter.class,
            description = "Skip decisions older than this, e.g. 10m, 90s (default: ${DEFAULT-VALUE}).")
    Duration maxDecisionAge;

    @Option(names = "--endpoint-min-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Minimum time between two changes of one endpoint variant (default: ${DEFAULT-VALUE}).")
    Duration endpointMinInterval;

    @Option(names = "--calls-per-minute", defaultValue = "60", description = "Global ceiling on AWS requests per minute (default: ${DEFAULT-VALUE}).")
    int callsPerMinute;

    @Option(names = "--aws-max-attempts", defaultValue = "5", description = "SDK attempts per call on throttling, 5xx and network errors (default: ${DEFAULT-VALUE}).")
    int awsMaxAttempts;

    @Option(names = "--retry-base-delay", defaultValue = "100ms", converter = DurationConverter.class,
            description = "Base of the SDK's exponential backoff (default: ${DEFAULT-VALUE}).")
    Duration retryBaseDelay;

    @Option(names = "--retry-max-backoff", defaultValue = "20s", converter = DurationConverter.class,
            description = "Longest single backoff (default: ${DEFAULT-VALUE}).")
    Duration retryMaxBackoff;

    @Option(names = "--in-progress-retry-delay", defaultValue = "30s", converter = DurationConverter.class,
            description = "Re-check an Updating endpoint after this (default: ${DEFAULT-VALUE}).")
    Duration inProgressRetryDelay;

    @Option(names = "--in-progress-max-wait", defaultValue = "3m", converter = DurationConverter.class,
            description = "Record SKIPPED_IN_PROGRESS after waiting this long (default: ${DEFAULT-VALUE}).")
    Duration inProgressMaxWait;

    @Option(names = "--follow-up-interval", defaultValue = "15s", converter = DurationConverter.class,
            description = "Re-describe a variant the actuator changed this often until it is in service (default: ${DEFAULT-VALUE}).")
    Duration followUpInterval;

    @Option(names = "--follow-up-max-wait", defaultValue = "15m", converter = DurationConverter.class,
            description = "Stop following a change after this and report it as last seen (default: ${DEFAULT-VALUE}).")
    Duration followUpMaxWait;

    @Option(names = "--capacity-refresh-interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "Re-describe every variant seen this often, 0 = off (default: ${DEFAULT-VALUE}).")
    Duration capacityRefreshInterval;

    @Option(names = "--cloudwatch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Publish the signals acted on with PutMetricData (default); --no-cloudwatch turns it off.")
    boolean cloudWatch;

    @Option(names = "--metrics-namespace", defaultValue = "StreamScale", description = "CloudWatch namespace (default: ${DEFAULT-VALUE}).")
    String metricsNamespace;

    @Option(names = "--metrics-batch-size", defaultValue = "1000", description = "Datums per PutMetricData request, at most 1000 (default: ${DEFAULT-VALUE}).")
    int metricsBatchSize;

    @Option(names = "--ops-host", defaultValue = "0.0.0.0", description = "Interface of the health and metrics server (default: ${DEFAULT-VALUE}).")
    String opsHost;

    @Option(names = "--ops-port", defaultValue = "8080",
            description = "Port of /health/live, /health/ready and /metrics; -1 turns the server off, 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int opsPort;

    @Option(names = "--kafka-property", description = "Extra Kafka client property, e.g. security.protocol=SSL (repeatable).")
    Map<String, String> kafkaProperties = Map.of();

    /** The typed configuration these options describe; throws naming the field when one is bad. */
    ActuatorConfig toConfig() {
        return ActuatorConfig.builder(bootstrapServers, schemaRegistryUrl)
                .topicPrefix(topicPrefix).groupId(groupId).transactionalId(transactionalId)
                .region(region).awsEndpointUrl(awsEndpointUrl).dryRun(dryRun)
                .defaultBackend(backend).forceBackend(forceBackend)
                .maxDecisionAge(maxDecisionAge).endpointMinInterval(endpointMinInterval)
                .callsPerMinute(callsPerMinute).awsMaxAttempts(awsMaxAttempts)
                .retryBaseDelay(retryBaseDelay).retryMaxBackoff(retryMaxBackoff)
                .inProgressRetryDelay(inProgressRetryDelay).inProgressMaxWait(inProgressMaxWait)
                .followUpInterval(followUpInterval).followUpMaxWait(followUpMaxWait)
                .capacityRefreshInterval(capacityRefreshInterval)
                .cloudWatchEnabled(cloudWatch).metricsNamespace(metricsNamespace).metricsBatchSize(metricsBatchSize)
                .kafkaOverrides(kafkaProperties)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        final ActuatorConfig config;
        try {
            config = toConfig();
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println("actuator " + (config.dryRun() ? "in DRY RUN (no AWS calls; --no-dry-run to act)"
                : "LIVE in " + config.region()) + ", reading " + config.topicPrefix() + "scaling-decisions");
        final Actuator actuator;
        try {
            actuator = Actuator.start(config);
        } catch (final IllegalStateException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        final OpsServer ops = opsPort < 0 ? null : OpsServer.start(opsHost, opsPort);
        if (ops != null) {
            ActuatorMetrics.bind(actuator, ops);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            actuator.close();
            if (ops != null) {
                ops.close();
            }
        }, "actuator-shutdown"));
        actuator.awaitTermination();
        return actuator.failure().map(f -> {
            System.err.println("actuator stopped: " + f);
            return 1;
        }).orElse(0);
    }

    /** Parses sagemaker / application-autoscaling. */
    static final class BackendConverter implements ITypeConverter<Backend> {
        @Override
        public Backend convert(final String value) {
            return Backend.parse(value);
        }
    }
}
