package io.streamscale.actuator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.actuator.ActuatorConfig;
import io.streamscale.actuator.rules.CapacityBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real SDK v2 clients against a local server speaking AWS's wire protocols: which operation,
 * which body, signed for which region and service, and how AWS's documented answers are read.
 */
class AwsWireTest {

    static final String REGION = "eu-west-1";
    final FakeAws aws = new FakeAws(REGION);
    final AwsClients clients = clients(aws, 3);

    static AwsClients clients(final FakeAws aws, final int maxAttempts) {
        final ActuatorConfig config = ActuatorConfig.builder("localhost:9092", "mock://wire")
                .region(REGION).awsEndpointUrl(aws.url()).dryRun(false).awsMaxAttempts(maxAttempts)
                .retryBaseDelay(Duration.ofMillis(5)).retryMaxBackoff(Duration.ofMillis(20)).build();
        return AwsClients.withCredentials(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTREAMSCALETEST", "fake-secret-key")));
    }

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    @Test
    void describeEndpointIsSignedAwsJson11AndReadsTheVariant() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 3).desired = 4;

        final VariantState state = new SageMakerEndpoints(clients).describe("fraud-model", "AllTraffic");

        assertThat(state).isEqualTo(new VariantState("InService", 3, 4));
        final FakeAws.Call call = aws.calls().get(0);
        assertThat(call.header("X-Amz-Target")).isEqualTo("SageMaker.DescribeEndpoint");
        assertThat(call.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(call.json().toString()).isEqualTo("{\"EndpointName\":\"fraud-model\"}");
        assertSigned(call, "sagemaker");
    }

    @Test
    void everyCallIsTimedPerOperationAndFailuresApart() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 3);
        new SageMakerEndpoints(clients).describe("fraud-model", "AllTraffic");
        new SageMakerEndpoints(clients).describe("fraud-model", "AllTraffic");
        assertThatThrownBy(() -> new SageMakerEndpoints(clients).describe("no-such-model", "AllTraffic"));

        final Map<AwsCallTimings.Call, AwsCallTimings.Stats> timed = clients.callTimings().snapshot();
        assertThat(timed.get(new AwsCallTimings.Call("SageMaker.DescribeEndpoint", true)).count()).isEqualTo(2);
        assertThat(timed.get(new AwsCallTimings.Call("SageMaker.DescribeEndpoint", false)).count()).isEqualTo(1);
        assertThat(timed.values()).allSatisfy(s -> assertThat(s.totalSeconds()).isPositive());
    }

    @Test
    void updateEndpointWeightsAndCapacitiesSendsOnlyTheDesiredInstanceCount() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);

        final AwsCallResult result = new SageMakerEndpoints(clients).setDesiredCount("fraud-model", "AllTraffic", 5);

        final FakeAws.Call call = aws.calls().get(0);
        assertThat(call.header("X-Amz-Target")).isEqualTo("SageMaker.UpdateEndpointWeightsAndCapacities");
        assertThat(call.json().toString()).isEqualTo("{\"EndpointName\":\"fraud-model\",\"DesiredWeightsAndCapacities\":"
                + "[{\"VariantName\":\"AllTraffic\",\"DesiredInstanceCount\":5}]}");
        assertSigned(call, "sagemaker");
        assertThat(result.requestId()).isNotBlank();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(aws.endpoint("fraud-model", "AllTraffic").desired).isEqualTo(5);
    }

    @Test
    void describeAndRegisterScalableTargetUseTheSageMakerVariantDimension() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 2, 20);
        final ScalableTargets targets = new ScalableTargets(clients);

        final RegisteredTarget registered = targets.describe("fraud-model", "AllTraffic").orElseThrow();
        targets.register("fraud-model", "AllTraffic", new CapacityBounds(6, 20));

        assertThat(registered.bounds()).isEqualTo(new CapacityBounds(2, 20));
        final FakeAws.Call describe = aws.calls().get(0);
        assertThat(describe.header("X-Amz-Target")).isEqualTo("AnyScaleFrontendService.DescribeScalableTargets");
        assertThat(describe.json().toString()).isEqualTo("{\"ServiceNamespace\":\"sagemaker\",\"ResourceIds\":"
                + "[\"endpoint/fraud-model/variant/AllTraffic\"],\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\"}");
        assertSigned(describe, "application-autoscaling");
        final FakeAws.Call register = aws.calls().get(1);
        assertThat(register.header("X-Amz-Target")).isEqualTo("AnyScaleFrontendService.RegisterScalableTarget");
        assertThat(register.json().toString()).isEqualTo("{\"ServiceNamespace\":\"sagemaker\",\"ResourceId\":"
                + "\"endpoint/fraud-model/variant/AllTraffic\",\"ScalableDimension\":\"sagemaker:variant:DesiredInstanceCount\","
                + "\"MinCapacity\":6,\"MaxCapacity\":20}");
        // AWS moves current capacity into the new range at once
        assertThat(aws.endpoint("fraud-model", "AllTraffic").desired).isEqualTo(6);
    }

    @Test
    void theSuspendedStateIsReadFromDescribeScalableTargets() throws Exception {
        aws.scalableTarget("fraud-model", "AllTraffic", 2, 20);
        aws.scalableTarget("search-ranker", "AllTraffic", 1, 4);
        aws.suspend("fraud-model", "AllTraffic", true, false, true);

        final ScalableTargets targets = new ScalableTargets(clients);
        final RegisteredTarget suspended = targets.describe("fraud-model", "AllTraffic").orElseThrow();
        final RegisteredTarget active = targets.describe("search-ranker", "AllTraffic").orElseThrow();

        assertThat(suspended).isEqualTo(new RegisteredTarget(new CapacityBounds(2, 20), true, false, true));
        assertThat(active).isEqualTo(new RegisteredTarget(new CapacityBounds(1, 4), false, false, false));
    }

    @Test
    void anUnregisteredVariantHasNoScalableTarget() throws Exception {
        assertThat(new ScalableTargets(clients).describe("fraud-model", "AllTraffic")).isEmpty();
    }

    @Test
    void putMetricDataUsesTheQueryProtocolHighResolutionAndBatches() {
        final SignalMetrics metrics = new SignalMetrics(clients, "StreamScale", 3);

        metrics.add("fraud-model", "AllTraffic", Instant.parse("2026-11-23T09:00:00Z"),
                Map.of("p95LatencyMs", 412.0, "rps", 180.5, "queueDepthMax", Double.NaN), 6);
        metrics.flush();

        // rps, p95LatencyMs and OrderedInstanceCount (NaN dropped): one full batch of 3
        final var calls = aws.calls("PutMetricData");
        assertThat(calls).hasSize(1);
        final FakeAws.Call call = calls.get(0);
        assertThat(call.header("X-Amz-Target")).isNull();
        assertThat(call.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertSigned(call, "monitoring");
        final Map<String, String> form = call.form();
        assertThat(form).containsEntry("Action", "PutMetricData").containsEntry("Version", "2010-08-01")
                .containsEntry("Namespace", "StreamScale")
                .containsEntry("MetricData.member.1.MetricName", "p95LatencyMs")
                .containsEntry("MetricData.member.1.Value", "412.0")
                .containsEntry("MetricData.member.1.Unit", "Milliseconds")
                .containsEntry("MetricData.member.1.StorageResolution", "1")
                .containsEntry("MetricData.member.1.Timestamp", "2026-11-23T09:00:00Z")
                .containsEntry("MetricData.member.1.Dimensions.member.1.Name", "EndpointName")
                .containsEntry("MetricData.member.1.Dimensions.member.1.Value", "fraud-model")
                .containsEntry("MetricData.member.1.Dimensions.member.2.Name", "VariantName")
                .containsEntry("MetricData.member.1.Dimensions.member.2.Value", "AllTraffic")
                .containsEntry("MetricData.member.2.MetricName", "rps")
                .containsEntry("MetricData.member.2.Unit", "Count/Second")
                .containsEntry("MetricData.member.3.MetricName", "OrderedInstanceCount")
                .containsEntry("MetricData.member.3.Value", "6.0")
                .doesNotContainKey("MetricData.member.4.MetricName");

        metrics.add("fraud-model", "AllTraffic", Instant.parse("2026-11-23T09:00:10Z"), Map.of("rps", 1.0), 6);
        metrics.flush();
        assertThat(aws.calls("PutMetricData")).hasSize(2);
    }

    @Test
    void sageMakersInProgressAnswerIsRecognisedAsWaitNotReject() {
        aws.endpoint("fraud-model", "AllTraffic", 2).status = "Updating";

        assertThatThrownBy(() -> new SageMakerEndpoints(clients).setDesiredCount("fraud-model", "AllTraffic", 4))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(AwsFailure.Kind.IN_PROGRESS);
                    assertThat(e.failure().message()).isEqualTo("ValidationException: Cannot update in-progress endpoint "
                            + "\"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/fraud-model\".");
                    assertThat(e.failure().attempts()).isEqualTo(1);
                });
    }

    @Test
    void throttlingIsRetriedWithBackoffAndSucceedsOnce() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.script("UpdateEndpointWeightsAndCapacities", FakeAws.throttling());

        final AwsCallResult result = new SageMakerEndpoints(clients).setDesiredCount("fraud-model", "AllTraffic", 4);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(aws.calls("UpdateEndpointWeightsAndCapacities")).hasSize(2);
        assertThat(aws.endpoint("fraud-model", "AllTraffic").desired).isEqualTo(4);
    }

    @Test
    void validationErrorsAreNotRetried() {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.script("UpdateEndpointWeightsAndCapacities", new FakeAws.Scripted(400, "ValidationException",
                "The desired instance count 0 is not valid."));

        assertThatThrownBy(() -> new SageMakerEndpoints(clients).setDesiredCount("fraud-model", "AllTraffic", 0))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(AwsFailure.Kind.REJECTED);
                    assertThat(e.failure().message()).isEqualTo("ValidationException: The desired instance count 0 is not valid.");
                    assertThat(e.failure().requestId()).isNotBlank();
                });
        assertThat(aws.calls("UpdateEndpointWeightsAndCapacities")).hasSize(1);
    }

    @Test
    void serverErrorsExhaustABoundedBudgetThenFail() {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        final FakeAws.Scripted unavailable = new FakeAws.Scripted(503, "ServiceUnavailable", "Service is unavailable");
        aws.script("UpdateEndpointWeightsAndCapacities", unavailable, unavailable, unavailable, unavailable);

        assertThatThrownBy(() -> new SageMakerEndpoints(clients).setDesiredCount("fraud-model", "AllTraffic", 4))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(AwsFailure.Kind.FAILED);
                    assertThat(e.failure().attempts()).isEqualTo(3);
                });
        assertThat(aws.calls("UpdateEndpointWeightsAndCapacities")).hasSize(3);
    }

    static void assertSigned(final FakeAws.Call call, final String signingName) {
        assertThat(call.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDSTREAMSCALETEST/")
                .contains("/" + REGION + "/" + signingName + "/aws4_request")
                .contains("SignedHeaders=")
                .contains("Signature=")
                .doesNotContain("fake-secret-key");
        assertThat(call.header("X-Amz-Date")).isNotBlank();
    }
}
