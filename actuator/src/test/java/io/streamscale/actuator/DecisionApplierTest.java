package io.streamscale.actuator;

import static io.streamscale.actuator.Decisions.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.actuator.aws.AwsClients;
import io.streamscale.actuator.aws.FakeAws;
import io.streamscale.actuator.aws.ScalableTargets;
import io.streamscale.actuator.aws.SageMakerEndpoints;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.Outcome;
import io.streamscale.schemas.ScalingDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How one decision meets AWS, through the real SDK clients and a local server that answers as AWS
 * does: the fault cases the actuator must survive without a second effective call.
 */
class DecisionApplierTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final String UPDATE = "UpdateEndpointWeightsAndCapacities";
    static final String REGISTER = "RegisterScalableTarget";

    final FakeAws aws = new FakeAws("eu-west-1");
    ActuatorConfig config = config(Backend.SAGEMAKER, false);
    AwsClients clients = clients(config);

    ActuatorConfig config(final Backend backend, final boolean dryRun) {
        return ActuatorConfig.builder("localhost:9092", "mock://applier")
                .region("eu-west-1").awsEndpointUrl(aws.url()).dryRun(dryRun).defaultBackend(backend)
                .retryBaseDelay(Duration.ofMillis(5)).retryMaxBackoff(Duration.ofMillis(20)).awsMaxAttempts(3)
                .inProgressRetryDelay(Duration.ofMillis(20)).inProgressMaxWait(Duration.ofSeconds(5))
                .endpointMinInterval(Duration.ZERO).maxDecisionAge(Duration.ofMinutes(10))
                .build();
    }

    AwsClients clients(final ActuatorConfig c) {
        return AwsClients.withCredentials(c,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTREAMSCALETEST", "fake-secret-key")));
    }

    DecisionApplier applier(final EndpointLedger ledger) {
        return new DecisionApplier(config, new SageMakerEndpoints(clients), new ScalableTargets(clients), ledger,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    @Test
    void checksBeforeActingAndNeverLeavesTheRegisteredRange() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 2, 8);

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW.minusSeconds(5), 2, 12), List.of());

        assertThat(aws.calls()).extracting(FakeAws.Call::operation)
                .containsExactly("DescribeEndpoint", "DescribeScalableTargets", UPDATE);
        assertThat(aws.calls(UPDATE).get(0).json().at("/DesiredWeightsAndCapacities/0/DesiredInstanceCount").asInt())
                .isEqualTo(8);
        assertThat(result.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(result.action().getTo()).isEqualTo(8);
        assertThat(result.action().getAwsRequestId()).isNotBlank();
        final CapacityState capacity = result.capacity();
        assertThat(capacity.getDesiredCapacity()).isEqualTo(8);
        assertThat(capacity.getCurrentCapacity()).isEqualTo(2);
        assertThat(capacity.getMinCapacity()).isEqualTo(2);
        assertThat(capacity.getMaxCapacity()).isEqualTo(8);
        assertThat(capacity.getLastDecisionId()).isEqualTo("d1");
        assertThat(capacity.getLastScaleOutAt()).isEqualTo(NOW.minusSeconds(5));
    }

    @Test
    void throttlingThenSuccessIsOneEffectiveCall() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.script(UPDATE, FakeAws.throttling());

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(result.action().getAttempts()).isEqualTo(2);
        assertThat(aws.calls(UPDATE)).hasSize(2);
        assertThat(aws.endpoint("fraud-model", "AllTraffic").desired).isEqualTo(4);
    }

    @Test
    void anUpdatingEndpointIsWaitedForThenScaled() throws Exception {
        final FakeAws.Endpoint endpoint = aws.endpoint("fraud-model", "AllTraffic", 2);
        endpoint.upcomingStatuses.addAll(List.of("Updating", "Updating"));

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(aws.calls("DescribeEndpoint")).hasSize(3);
        assertThat(aws.calls(UPDATE)).hasSize(1);
        assertThat(result.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(endpoint.desired).isEqualTo(4);
    }

    @Test
    void sageMakersCannotUpdateInProgressAnswerMeansWaitAndRetryNotDrop() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.script(UPDATE, new FakeAws.Scripted(400, "ValidationException",
                "Cannot update in-progress endpoint \"" + aws.endpointArn("fraud-model") + "\"."));

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(aws.calls(UPDATE)).hasSize(2);
        assertThat(aws.calls("DescribeEndpoint")).hasSize(2);
    }

    @Test
    void anEndpointThatStaysUpdatingIsRecordedAsInProgressWithoutACall() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2).status = "Updating";
        config = ActuatorConfig.builder("localhost:9092", "mock://applier").region("eu-west-1")
                .awsEndpointUrl(aws.url()).dryRun(false).inProgressRetryDelay(Duration.ofMillis(20))
                .inProgressMaxWait(Duration.ofMillis(100)).endpointMinInterval(Duration.ZERO).build();

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.SKIPPED_IN_PROGRESS);
        assertThat(result.action().getError()).contains("still Updating");
        assertThat(result.capacity().getStatus()).isEqualTo("Updating");
        assertThat(result.capacity().getLastDecisionId()).isEqualTo("d1");
        assertThat(aws.calls(UPDATE)).isEmpty();
    }

    @Test
    void aValidationErrorIsRejectedWithAwsMessageAndNoRetryStorm() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.script(UPDATE, new FakeAws.Scripted(400, "ValidationException",
                "Value 'fraud model' at 'endpointName' failed to satisfy constraint"));

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.action().getError())
                .isEqualTo("ValidationException: Value 'fraud model' at 'endpointName' failed to satisfy constraint");
        assertThat(aws.calls(UPDATE)).hasSize(1);
    }

    @Test
    void aRejectedOrderReportsTheCapacityThatIsThereSoTheEngineStopsAssumingIt() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 1, 10);
        aws.script(UPDATE, new FakeAws.Scripted(400, "ValidationException",
                "The variant(s) \"[AllTraffic]\" is not present in endpoint."));

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.capacity()).satisfies(capacity -> {
            assertThat(capacity.getCurrentCapacity()).isEqualTo(2);
            assertThat(capacity.getDesiredCapacity()).isEqualTo(2);
            assertThat(capacity.getStatus()).isEqualTo("InService");
            assertThat(capacity.getLastDecisionId()).isEqualTo("d1");
            assertThat(capacity.getLastScaleOutAt()).isNull();
            assertThat(capacity.getMinCapacity()).isEqualTo(1);
        });
        assertThat(aws.calls()).extracting(FakeAws.Call::operation)
                .containsExactly("DescribeEndpoint", "DescribeScalableTargets", UPDATE);
    }

    @Test
    void anEndpointThatCannotBeScaledIsRejectedWithItsObservedStatus() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 3).status = "Failed";

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 3, 5), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.action().getError()).isEqualTo("endpoint is Failed");
        assertThat(result.capacity().getStatus()).isEqualTo("Failed");
        assertThat(result.capacity().getDesiredCapacity()).isEqualTo(3);
        assertThat(aws.calls(UPDATE)).isEmpty();
    }

    @Test
    void aFailedOrderReportsWhatTheDescribeSawBeforeIt() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.script(UPDATE, FakeAws.throttling(), FakeAws.throttling(), FakeAws.throttling());

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.action().getError()).isEqualTo("ThrottlingException: Rate exceeded");
        assertThat(result.capacity().getDesiredCapacity()).isEqualTo(2);
        assertThat(result.capacity().getLastDecisionId()).isEqualTo("d1");
        assertThat(aws.calls(UPDATE)).hasSize(3);
    }

    @Test
    void whenTheDescribeItselfFailsTheLastPublishedCapacityIsReportedForTheDecision() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 3);
        final FakeAws.Scripted unavailable = new FakeAws.Scripted(503, "ServiceUnavailable", "Service Unavailable");
        aws.script("DescribeEndpoint", unavailable, unavailable, unavailable, unavailable, unavailable, unavailable);
        final EndpointLedger ledger = new EndpointLedger();
        final DecisionResult unknown = applier(ledger).handle(decision("d1", "fraud-model", NOW, 3, 5), List.of());
        ledger.restore("fraud-model/AllTraffic", CapacityState.newBuilder().setEndpoint("fraud-model")
                .setCurrentCapacity(3).setDesiredCapacity(3).setStatus("InService").setLastDecisionId("d0")
                .setLastScaleOutAt(NOW.minusSeconds(600)).setUpdatedAt(NOW.minusSeconds(600)).build());

        final DecisionResult known = applier(ledger).handle(decision("d2", "fraud-model", NOW, 3, 5), List.of());

        assertThat(unknown.action().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(unknown.capacity()).isNull();
        assertThat(known.action().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(known.capacity().getDesiredCapacity()).isEqualTo(3);
        assertThat(known.capacity().getLastDecisionId()).isEqualTo("d2");
        assertThat(known.capacity().getLastScaleOutAt()).isEqualTo(NOW.minusSeconds(600));
        assertThat(aws.calls(UPDATE)).isEmpty();
    }

    @Test
    void aRefusedDecisionIsHandledOnceInMemoryAndAfterARestoreFromItsCapacityRecord() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2).status = "OutOfService";
        final EndpointLedger ledger = new EndpointLedger();
        final DecisionApplier applier = applier(ledger);
        final ScalingDecision d1 = decision("d1", "fraud-model", NOW, 2, 4);
        final DecisionResult refused = applier.handle(d1, List.of());
        applier.committed(d1, refused);
        final EndpointLedger restored = new EndpointLedger();
        restored.restore("fraud-model/AllTraffic", refused.capacity());
        aws.clearCalls();

        final DecisionResult replay = applier.handle(d1, List.of());
        final DecisionResult replayAfterRestart = applier(restored).handle(d1, List.of());

        assertThat(refused.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(replay.action().getOutcome()).isEqualTo(Outcome.SKIPPED_DUPLICATE);
        assertThat(replayAfterRestart.action().getOutcome()).isEqualTo(Outcome.SKIPPED_DUPLICATE);
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void aCrashAfterTheAwsCallBeforeTheCommitNeverCausesASecondCall() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        final ScalingDecision d1 = decision("d1", "fraud-model", NOW, 2, 5);
        assertThat(applier(new EndpointLedger()).handle(d1, List.of()).action().getOutcome()).isEqualTo(Outcome.APPLIED);
        // crash: the outcome was never committed, the ledger is gone; after restart the decision is replayed

        final DecisionResult replay = applier(new EndpointLedger()).handle(d1, List.of());

        assertThat(aws.calls(UPDATE)).hasSize(1);
        assertThat(replay.action().getOutcome()).isEqualTo(Outcome.SKIPPED_DUPLICATE);
        assertThat(replay.action().getError()).startsWith("reconciled: DesiredInstanceCount is already 5");
        assertThat(replay.capacity().getDesiredCapacity()).isEqualTo(5);
        assertThat(replay.capacity().getLastDecisionId()).isEqualTo("d1");
    }

    @Test
    void duplicateAndOutOfOrderDecisionsAreAppliedOnceAndStaleOnesSkipped() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        final EndpointLedger ledger = new EndpointLedger();
        final DecisionApplier applier = applier(ledger);
        final ScalingDecision d1 = decision("d1", "fraud-model", NOW.minusSeconds(10), 2, 4);
        final ScalingDecision older = decision("d0", "fraud-model", NOW.minusSeconds(20), 2, 3);
        final ScalingDecision d2 = decision("d2", "fraud-model", NOW, 4, 6);

        final List<Outcome> outcomes = new java.util.ArrayList<>();
        for (final ScalingDecision d : List.of(d1, d1, older, d2, d1)) {
            final DecisionResult result = applier.handle(d, List.of());
            applier.committed(d, result);
            outcomes.add(result.action().getOutcome());
        }

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.SKIPPED_DUPLICATE, Outcome.SKIPPED_STALE,
                Outcome.APPLIED, Outcome.SKIPPED_STALE);
        assertThat(aws.calls(UPDATE)).extracting(c -> c.json().at("/DesiredWeightsAndCapacities/0/DesiredInstanceCount").asInt())
                .containsExactly(4, 6);
    }

    @Test
    void aDecisionSupersededInTheSameBatchOrTooOldIsStaleWithoutAnyCall() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);

        final DecisionResult superseded = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW.minusSeconds(10), 2, 4), List.of(NOW.minusSeconds(10), NOW));
        final DecisionResult tooOld = applier(new EndpointLedger()).handle(
                decision("d0", "fraud-model", NOW.minus(Duration.ofMinutes(11)), 2, 4), List.of());

        assertThat(superseded.action().getOutcome()).isEqualTo(Outcome.SKIPPED_STALE);
        assertThat(superseded.action().getError()).startsWith("superseded by a newer decision");
        assertThat(tooOld.action().getOutcome()).isEqualTo(Outcome.SKIPPED_STALE);
        assertThat(tooOld.action().getError()).contains("older than the 600 s limit");
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void dryRunRecordsTheDecisionAndCallsNothing() throws Exception {
        config = config(Backend.SAGEMAKER, true);
        aws.endpoint("fraud-model", "AllTraffic", 2);

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 4), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(result.capacity().getDesiredCapacity()).isEqualTo(4);
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void applicationAutoScalingRaisesTheFloorThenRestoresTheUsersOwnBounds() throws Exception {
        config = config(Backend.APPLICATION_AUTOSCALING, false);
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 2, 20);
        final EndpointLedger ledger = new EndpointLedger();
        final DecisionApplier applier = applier(ledger);

        final ScalingDecision out = decision("d1", "fraud-model", NOW.minusSeconds(60), 2, 6);
        final DecisionResult scaledOut = applier.handle(out, List.of());
        applier.committed(out, scaledOut);
        final ScalingDecision in = decision("d2", "fraud-model", NOW, 6, 1);
        final DecisionResult scaledIn = applier.handle(in, List.of());

        assertThat(aws.calls(REGISTER)).extracting(c -> c.json().get("MinCapacity").asInt() + ".." + c.json().get("MaxCapacity").asInt())
                .containsExactly("6..20", "2..20");
        assertThat(aws.calls(UPDATE)).isEmpty();
        assertThat(scaledOut.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(scaledOut.action().getBackend()).isEqualTo("application-autoscaling");
        assertThat(scaledOut.capacity().getMinCapacity()).isEqualTo(2);
        assertThat(scaledIn.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(scaledIn.action().getTo()).isEqualTo(2);
        assertThat(aws.scalableTarget("fraud-model", "AllTraffic")).containsExactly(2, 20);
    }

    @Test
    void aScaleInIsNotAppliedWhileDynamicScalingInIsSuspended() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 6);
        aws.scalableTarget("fraud-model", "AllTraffic", 1, 10);
        aws.suspend("fraud-model", "AllTraffic", true, false, false);
        final EndpointLedger ledger = new EndpointLedger();

        final DecisionResult scaleIn = applier(ledger).handle(decision("d1", "fraud-model", NOW.minusSeconds(1), 6, 3), List.of());
        final DecisionResult scaleOut = applier(ledger).handle(decision("d2", "fraud-model", NOW, 6, 8), List.of());

        assertThat(scaleIn.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(scaleIn.action().getError()).isEqualTo("scale-in 6->3 not applied: DynamicScalingInSuspended is true"
                + " for endpoint/fraud-model/variant/AllTraffic in Application Auto Scaling");
        assertThat(scaleIn.capacity().getDesiredCapacity()).isEqualTo(6);
        assertThat(scaleIn.capacity().getLastDecisionId()).isEqualTo("d1");
        assertThat(scaleOut.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        assertThat(aws.calls(UPDATE)).extracting(c -> c.json().at("/DesiredWeightsAndCapacities/0/DesiredInstanceCount").asInt())
                .containsExactly(8);
    }

    @Test
    void aScaleOutIsNotAppliedWhileDynamicScalingOutIsSuspendedWithEitherBackend() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 2, 20);
        aws.suspend("fraud-model", "AllTraffic", false, true, false);
        final ScalingDecision viaAutoScaling = decision("d2", "fraud-model", NOW, 2, 6);
        viaAutoScaling.setBackend("application-autoscaling");

        final DecisionResult viaSageMaker = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 6), List.of());
        final DecisionResult viaRegistration = applier(new EndpointLedger()).handle(viaAutoScaling, List.of());

        assertThat(viaSageMaker.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(viaSageMaker.action().getError()).startsWith("scale-out 2->6 not applied: DynamicScalingOutSuspended");
        assertThat(viaRegistration.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(viaRegistration.action().getBackend()).isEqualTo("application-autoscaling");
        assertThat(aws.calls(UPDATE)).isEmpty();
        assertThat(aws.calls(REGISTER)).isEmpty();
    }

    @Test
    void suspendedScheduledScalingAloneDoesNotHoldBackADecision() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 2, 20);
        aws.suspend("fraud-model", "AllTraffic", false, false, true);

        final DecisionResult result = applier(new EndpointLedger()).handle(
                decision("d1", "fraud-model", NOW, 2, 6), List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void thePolicysBackendWinsUnlessForcedAndAnUnregisteredTargetIsRejected() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        final ScalingDecision d = decision("d1", "fraud-model", NOW, 2, 4);
        d.setBackend("application-autoscaling");

        final DecisionResult result = applier(new EndpointLedger()).handle(d, List.of());

        assertThat(result.action().getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.action().getError()).contains("not registered with Application Auto Scaling");
        assertThat(aws.calls(UPDATE)).isEmpty();
        assertThat(aws.calls(REGISTER)).isEmpty();
    }

    @Test
    void theLedgerAsksForAPauseBetweenChangesOfOneEndpoint() {
        final EndpointLedger ledger = new EndpointLedger();
        assertThat(ledger.nanosUntilNextMutation("a/AllTraffic", Duration.ofSeconds(10).toNanos())).isZero();
        ledger.markMutation("a/AllTraffic");
        assertThat(ledger.nanosUntilNextMutation("a/AllTraffic", Duration.ofSeconds(10).toNanos())).isPositive();
        assertThat(ledger.nanosUntilNextMutation("b/AllTraffic", Duration.ofSeconds(10).toNanos())).isZero();
    }
}
