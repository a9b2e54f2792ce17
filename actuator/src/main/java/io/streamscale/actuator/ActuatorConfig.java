package io.streamscale.actuator;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of the actuator, in one typed place, validated when built: a bad value fails at
 * start with a message naming the field. Credentials are deliberately not here: the AWS clients
 * take them from the SDK's default provider chain only.
 *
 * @param bootstrapServers        Kafka bootstrap servers
 * @param schemaRegistryUrl       Confluent-API schema registry ({@code mock://scope} in tests)
 * @param topicPrefix             prefix of every StreamScale topic ("" for none)
 * @param groupId                 consumer group of {@code scaling-decisions}
 * @param transactionalId         producer transactional.id; stable per instance, unique across instances
 * @param region                  AWS region of the endpoints, e.g. {@code eu-west-1}
 * @param awsEndpointUrl          optional endpoint override for all three AWS services (null: AWS's own)
 * @param dryRun                  record DRY_RUN outcomes and call nothing
 * @param defaultBackend          backend for decisions whose policy names none
 * @param forceBackend            when true, {@code defaultBackend} overrides the policy's choice
 * @param maxDecisionAge          a decision older than this (by decidedAt) is SKIPPED_STALE
 * @param endpointMinInterval     minimum time between two mutating calls for one endpoint variant
 * @param callsPerMinute          global ceiling on AWS HTTP requests (every attempt) per minute
 * @param awsMaxAttempts          SDK attempts per call, first one included (throttling, 5xx, I/O)
 * @param retryBaseDelay          base delay of the SDK's exponential backoff with jitter
 * @param retryMaxBackoff         cap of one backoff delay
 * @param inProgressRetryDelay    how long to wait before re-checking an endpoint that is Updating
 * @param inProgressMaxWait       give up waiting for an Updating endpoint after this (SKIPPED_IN_PROGRESS)
 * @param followUpInterval        while an endpoint the actuator changed is still changing, re-describe it this often
 * @param followUpMaxWait         stop following a change after this and report the state as last seen
 * @param capacityRefreshInterval re-describe every endpoint variant seen this often, so capacity changed
 *                                outside StreamScale reaches the decision engine (zero: off)
 * @param cloudWatchEnabled       publish the signals acted on with PutMetricData
 * @param metricsNamespace        CloudWatch namespace ({@code StreamScale})
 * @param metricsBatchSize        datums per PutMetricData request (AWS allows up to 1000)
 * @param pollTimeout             consumer poll timeout
 * @param kafkaOverrides          extra client properties (security settings and the like)
 */
public record ActuatorConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String topicPrefix,
        String groupId,
        String transactionalId,
        String region,
        URI awsEndpointUrl,
        boolean dryRun,
        Backend defaultBackend,
        boolean forceBackend,
        Duration maxDecisionAge,
        Duration endpointMinInterval,
        int callsPerMinute,
        int awsMaxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxBackoff,
        Duration inProgressRetryDelay,
        Duration inProgressMaxWait,
        Duration followUpInterval,
        Duration followUpMaxWait,
        Duration capacityRefreshInterval,
        boolean cloudWatchEnabled,
        String metricsNamespace,
        int metricsBatchSize,
        Duration pollTimeout,
        Map<String, String> kafkaOverrides) {

    /** AWS's limit on datums in one PutMetricData request. */
    public static final int MAX_METRICS_BATCH = 1000;

    public ActuatorConfig {
        require(bootstrapServers, "bootstrapServers");
        require(schemaRegistryUrl, "schemaRegistryUrl");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        require(groupId, "groupId");
        require(transactionalId, "transactionalId");
        require(region, "region");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw invalid("region", "'" + region + "' is not an AWS region name such as eu-west-1");
        }
        if (awsEndpointUrl != null && (awsEndpointUrl.getScheme() == null || awsEndpointUrl.getHost() == null
                || !(awsEndpointUrl.getScheme().equals("http") || awsEndpointUrl.getScheme().equals("https")))) {
            throw invalid("awsEndpointUrl", "'" + awsEndpointUrl + "' must be an http(s) URL with a host");
        }
        Objects.requireNonNull(defaultBackend, "defaultBackend must be set");
        positive(maxDecisionAge, "maxDecisionAge");
        nonNegative(endpointMinInterval, "endpointMinInterval");
        if (callsPerMinute < 1) {
            throw invalid("callsPerMinute", "must be at least 1, was " + callsPerMinute);
        }
        if (awsMaxAttempts < 1 || awsMaxAttempts > 10) {
            throw invalid("awsMaxAttempts", "must be between 1 and 10, was " + awsMaxAttempts);
        }
        positive(retryBaseDelay, "retryBaseDelay");
        positive(retryMaxBackoff, "retryMaxBackoff");
        if (retryMaxBackoff.compareTo(retryBaseDelay) < 0) {
            throw invalid("retryMaxBackoff", "must not be shorter than retryBaseDelay");
        }
        positive(inProgressRetryDelay, "inProgressRetryDelay");
        nonNegative(inProgressMaxWait, "inProgressMaxWait");
        positive(followUpInterval, "followUpInterval");
        nonNegative(followUpMaxWait, "followUpMaxWait");
        nonNegative(capacityRefreshInterval, "capacityRefreshInterval");
        require(metricsNamespace, "metricsNamespace");
        if (metricsNamespace.startsWith("AWS/")) {
            throw invalid("metricsNamespace", "must not start with AWS/ (reserved by AWS)");
        }
        if (metricsBatchSize < 1 || metricsBatchSize > MAX_METRICS_BATCH) {
            throw invalid("metricsBatchSize", "must be between 1 and " + MAX_METRICS_BATCH + ", was " + metricsBatchSize);
        }
        positive(pollTimeout, "pollTimeout");
        kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
    }

    /** Safe defaults: dry-run, sagemaker backend, 10-minute decision age, 60 calls/min. */
    public static Builder builder(final String bootstrapServers, final String schemaRegistryUrl) {
        return new Builder(bootstrapServers, schemaRegistryUrl);
    }

    /** The backend for one decision: the policy's, unless forced or absent. */
    public Backend backendFor(final String policyBackend) {
        if (forceBackend || policyBackend == null || policyBackend.isBlank()) {
            return defaultBackend;
        }
        return Backend.parse(policyBackend);
    }

    /** Prints without secrets (there are none here, but overrides may carry SASL settings). */
    @Override
    public String toString() {
        return "ActuatorConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", groupId=" + groupId + ", transactionalId=" + transactionalId + ", region=" + region
                + ", awsEndpointUrl=" + awsEndpointUrl + ", dryRun=" + dryRun + ", defaultBackend=" + defaultBackend
                + ", forceBackend=" + forceBackend + ", maxDecisionAge=" + maxDecisionAge
                + ", endpointMinInterval=" + endpointMinInterval + ", callsPerMinute=" + callsPerMinute
                + ", awsMaxAttempts=" + awsMaxAttempts + ", followUpInterval=" + followUpInterval
                + ", followUpMaxWait=" + followUpMaxWait + ", capacityRefreshInterval=" + capacityRefreshInterval
                + ", cloudWatchEnabled=" + cloudWatchEnabled
                + ", kafkaOverrides=" + kafkaOverrides.keySet() + "]";
    }

    private static void require(final String value, final String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "must be set");
        }
    }

    private static void positive(final Duration value, final String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(field, "must be a positive duration, was " + value);
        }
    }

    private static void nonNegative(final Duration value, final String field) {
        if (value == null || value.isNegative()) {
            throw invalid(field, "must be zero or positive, was " + value);
        }
    }

    private static IllegalArgumentException invalid(final String field, final String problem) {
        return new IllegalArgumentException("actuator config " + field + ": " + problem);
    }

    /** Mutable builder with the safe defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String schemaRegistryUrl;
        private String topicPrefix = "";
        private String groupId = "streamscale-actuator";
        private String transactionalId;
        private String region = "us-east-1";
        private URI awsEndpointUrl;
        private boolean dryRun = true;
        private Backend defaultBackend = Backend.SAGEMAKER;
        private boolean forceBackend;
        private Duration maxDecisionAge = Duration.ofMinutes(10);
        private Duration endpointMinInterval = Duration.ofSeconds(10);
        private int callsPerMinute = 60;
        private int awsMaxAttempts = 5;
        private Duration retryBaseDelay = Duration.ofMillis(100);
        private Duration retryMaxBackoff = Duration.ofSeconds(20);
        private Duration inProgressRetryDelay = Duration.ofSeconds(30);
        private Duration inProgressMaxWait = Duration.ofMinutes(3);
        private Duration followUpInterval = Duration.ofSeconds(15);
        private Duration followUpMaxWait = Duration.ofMinutes(15);
        private Duration capacityRefreshInterval = Duration.ofSeconds(60);
        private boolean cloudWatchEnabled = true;
        private String metricsNamespace = "StreamScale";
        private int metricsBatchSize = MAX_METRICS_BATCH;
        private Duration pollTimeout = Duration.ofMillis(500);
        private Map<String, String> kafkaOverrides = Map.of();

        private Builder(final String bootstrapServers, final String schemaRegistryUrl) {
            this.bootstrapServers = bootstrapServers;
            this.schemaRegistryUrl = schemaRegistryUrl;
        }

        public Builder topicPrefix(final String v) { this.topicPrefix = v; return this; }
        public Builder groupId(final String v) { this.groupId = v; return this; }
        public Builder transactionalId(final String v) { this.transactionalId = v; return this; }
        public Builder region(final String v) { this.region = v; return this; }
        public Builder awsEndpointUrl(final URI v) { this.awsEndpointUrl = v; return this; }
        public Builder dryRun(final boolean v) { this.dryRun = v; return this; }
        public Builder defaultBackend(final Backend v) { this.defaultBackend = v; return this; }
        public Builder forceBackend(final boolean v) { this.forceBackend = v; return this; }
        public Builder maxDecisionAge(final Duration v) { this.maxDecisionAge = v; return this; }
        public Builder endpointMinInterval(final Duration v) { this.endpointMinInterval = v; return this; }
        public Builder callsPerMinute(final int v) { this.callsPerMinute = v; return this; }
        public Builder awsMaxAttempts(final int v) { this.awsMaxAttempts = v; return this; }
        public Builder retryBaseDelay(final Duration v) { this.retryBaseDelay = v; return this; }
        public Builder retryMaxBackoff(final Duration v) { this.retryMaxBackoff = v; return this; }
        public Builder inProgressRetryDelay(final Duration v) { this.inProgressRetryDelay = v; return this; }
        public Builder inProgressMaxWait(final Duration v) { this.inProgressMaxWait = v; return this; }
        public Builder followUpInterval(final Duration v) { this.followUpInterval = v; return this; }
        public Builder followUpMaxWait(final Duration v) { this.followUpMaxWait = v; return this; }
        public Builder capacityRefreshInterval(final Duration v) { this.capacityRefreshInterval = v; return this; }
        public Builder cloudWatchEnabled(final boolean v) { this.cloudWatchEnabled = v; return this; }
        public Builder metricsNamespace(final String v) { this.metricsNamespace = v; return this; }
        public Builder metricsBatchSize(final int v) { this.metricsBatchSize = v; return this; }
        public Builder pollTimeout(final Duration v) { this.pollTimeout = v; return this; }
        public Builder kafkaOverrides(final Map<String, String> v) { this.kafkaOverrides = v; return this; }

        public ActuatorConfig build() {
            final String txId = transactionalId == null || transactionalId.isBlank() ? groupId + "-0" : transactionalId;
            return new ActuatorConfig(bootstrapServers, schemaRegistryUrl, topicPrefix, groupId, txId, region,
                    awsEndpointUrl, dryRun, defaultBackend, forceBackend, maxDecisionAge, endpointMinInterval,
                    callsPerMinute, awsMaxAttempts, retryBaseDelay, retryMaxBackoff, inProgressRetryDelay,
                    inProgressMaxWait, followUpInterval, followUpMaxWait, capacityRefreshInterval, cloudWatchEnabled,
                    metricsNamespace, metricsBatchSize, pollTimeout,
                    kafkaOverrides);
        }
    }
}
