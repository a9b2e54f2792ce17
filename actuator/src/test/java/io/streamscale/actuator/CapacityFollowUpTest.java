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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Capacity feedback after the decision: SageMaker is Updating right after an applied change, so the
 * actuator looks again until the new count is in service, and refreshes every variant it owns so a
 * change made outside StreamScale reaches the decision engine. Real SDK clients, local AWS server.
 */
class CapacityFollowUpTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final String KEY = "fraud-model/AllTraffic";
    static final TopicPartition PARTITION = new TopicPartition("scaling-decisions", 0);

    final FakeAws aws = new FakeAws("eu-west-1");
    final MovableClock clock = new MovableClock(T0);
    final ActuatorConfig config = ActuatorConfig.builder("localhost:9092", "mock://follow-up")
            .region("eu-west-1").awsEndpointUrl(aws.url()).dryRun(false)
            .retryBaseDelay(Duration.ofMillis(5)).retryMaxBackoff(Duration.ofMillis(20)).awsMaxAttempts(2)
            .endpointMinInterval(Duration.ZERO)
            .followUpInterval(Duration.ofSeconds(15)).followUpMaxWait(Duration.ofMinutes(1))
            .capacityRefreshInterval(Duration.ofSeconds(60))
            .build();
    final AwsClients clients = AwsClients.withCredentials(config,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTREAMSCALETEST", "fake-secret-key")));
    final EndpointLedger ledger = new EndpointLedger();
    final CapacityWatch watch = new CapacityWatch(config.followUpInterval(), config.followUpMaxWait(),
            config.capacityRefreshInterval());
    final CapacityFollowUp followUp = new CapacityFollowUp(new SageMakerEndpoints(clients), ledger, watch, clock);

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    @Test
    void anAppliedChangeIsReportedAgainOnceSageMakerHasTheNewCountInService() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2).updateTakesDescribes = 2;
        aws.scalableTarget("fraud-model", "AllTraffic", 1, 10);
        final DecisionResult applied = apply(decision("d1", "fraud-model", T0.minusSeconds(5), 2, 5));
        assertThat(applied.capacity().getCurrentCapacity()).isEqualTo(2);
        assertThat(applied.capacity().getDesiredCapacity()).isEqualTo(5);
        assertThat(applied.capacity().getStatus()).isEqualTo("Updating");
        aws.clearCalls();

        final List<CapacityState> early = lookAfter(Duration.ofSeconds(14));
        final List<CapacityState> firstLook = lookAfter(Duration.ofSeconds(1));
        final List<CapacityState> secondLook = lookAfter(Duration.ofSeconds(15));
        final List<CapacityState> inService = lookAfter(Duration.ofSeconds(15));
        final List<CapacityState> afterwards = lookAfter(Duration.ofSeconds(15));

        assertThat(early).isEmpty();
        assertThat(firstLook).isEmpty();
        assertThat(secondLook).isEmpty();
        assertThat(inService).singleElement().satisfies(state -> {
            assertThat(state.getCurrentCapacity()).isEqualTo(5);
            assertThat(state.getDesiredCapacity()).isEqualTo(5);
            assertThat(state.getStatus()).isEqualTo("InService");
            assertThat(state.getLastDecisionId()).isEqualTo("d1");
            assertThat(state.getLastScaleOutAt()).isEqualTo(T0.minusSeconds(5));
            assertThat(state.getMinCapacity()).isEqualTo(1);
            assertThat(state.getMaxCapacity()).isEqualTo(10);
            assertThat(state.getUpdatedAt()).isEqualTo(T0.plusSeconds(45));
        });
        assertThat(afterwards).isEmpty();
        assertThat(aws.calls()).extracting(FakeAws.Call::operation)
                .containsExactly("DescribeEndpoint", "DescribeEndpoint", "DescribeEndpoint");
    }

    @Test
    void aChangeThatOutlastsTheMaximumWaitIsReportedAsLastSeenAndNoLongerFollowed() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2).updateTakesDescribes = 100;
        apply(decision("d1", "fraud-model", T0.minusSeconds(5), 2, 5));
        aws.clearCalls();

        for (int i = 0; i < 3; i++) {
            assertThat(lookAfter(Duration.ofSeconds(15))).isEmpty();
        }
        final List<CapacityState> gaveUp = lookAfter(Duration.ofSeconds(15));
        watch.disown(KEY);
        final List<CapacityState> later = lookAfter(Duration.ofSeconds(15));

        assertThat(gaveUp).singleElement().satisfies(state -> {
            assertThat(state.getStatus()).isEqualTo("Updating");
            assertThat(state.getCurrentCapacity()).isEqualTo(2);
            assertThat(state.getDesiredCapacity()).isEqualTo(5);
        });
        assertThat(later).isEmpty();
        assertThat(aws.calls("DescribeEndpoint")).hasSize(4);
    }

    @Test
    void aRefreshReportsCapacityChangedOutsideStreamScaleAndNothingWhenUnchanged() throws Exception {
        final FakeAws.Endpoint endpoint = aws.endpoint("fraud-model", "AllTraffic", 3);
        ledger.restore(KEY, CapacityState.newBuilder().setEndpoint("fraud-model").setVariant("AllTraffic")
                .setCurrentCapacity(3).setDesiredCapacity(3).setStatus("InService").setMinCapacity(2)
                .setMaxCapacity(20).setLastScaleOutAt(T0.minusSeconds(600)).setLastDecisionId("d7")
                .setUpdatedAt(T0.minusSeconds(600)).build());
        watch.own(KEY, PARTITION);

        assertThat(lookAfter(Duration.ZERO)).isEmpty();
        assertThat(lookAfter(Duration.ofSeconds(60))).isEmpty();
        endpoint.changedOutside(7);
        final List<CapacityState> changed = lookAfter(Duration.ofSeconds(60));

        assertThat(changed).singleElement().satisfies(state -> {
            assertThat(state.getCurrentCapacity()).isEqualTo(7);
            assertThat(state.getDesiredCapacity()).isEqualTo(7);
            assertThat(state.getLastDecisionId()).isEqualTo("d7");
            assertThat(state.getLastScaleOutAt()).isEqualTo(T0.minusSeconds(600));
            assertThat(state.getMinCapacity()).isEqualTo(2);
        });
        assertThat(aws.calls("DescribeEndpoint")).hasSize(2);
    }

    @Test
    void aRefreshThatFindsTheEndpointUpdatingFollowsItUntilItSettles() throws Exception {
        final FakeAws.Endpoint endpoint = aws.endpoint("fraud-model", "AllTraffic", 3);
        watch.own(KEY, PARTITION);
        lookAfter(Duration.ZERO);
        endpoint.desired = 6;
        endpoint.status = "Updating";

        final List<CapacityState> seenUpdating = lookAfter(Duration.ofSeconds(60));
        endpoint.changedOutside(6);
        endpoint.status = "InService";
        final List<CapacityState> settled = lookAfter(Duration.ofSeconds(15));

        assertThat(seenUpdating).extracting(s -> s.getStatus() + " " + s.getCurrentCapacity() + "->" + s.getDesiredCapacity())
                .containsExactly("Updating 3->6");
        assertThat(settled).extracting(s -> s.getStatus() + " " + s.getCurrentCapacity() + "->" + s.getDesiredCapacity())
                .containsExactly("InService 6->6");
    }

    @Test
    void aFailedDescribeIsLookedAtAgainLaterAndPublishesNothing() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 3);
        watch.own(KEY, PARTITION);
        watch.follow(KEY, clock.instant());
        aws.script("DescribeEndpoint", new FakeAws.Scripted(503, "ServiceUnavailable", "Service Unavailable"),
                new FakeAws.Scripted(503, "ServiceUnavailable", "Service Unavailable"));

        final List<CapacityState> failed = lookAfter(Duration.ofSeconds(15));
        final List<CapacityState> retried = lookAfter(Duration.ofSeconds(15));

        assertThat(failed).isEmpty();
        assertThat(retried).extracting(CapacityState::getCurrentCapacity).containsExactly(3);
    }

    @Test
    void aVariantWhoseEndpointIsGoneIsNotRefreshedAgain() throws Exception {
        watch.own("deleted-model/AllTraffic", PARTITION);
        lookAfter(Duration.ZERO);

        final List<CapacityState> first = lookAfter(Duration.ofSeconds(60));
        final List<CapacityState> second = lookAfter(Duration.ofSeconds(60));

        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
        assertThat(aws.calls("DescribeEndpoint")).hasSize(1);
        assertThat(watch.owned()).isEmpty();
    }

    private DecisionResult apply(final ScalingDecision decision) throws InterruptedException {
        final DecisionApplier applier = new DecisionApplier(config, new SageMakerEndpoints(clients),
                new ScalableTargets(clients), ledger, clock);
        final DecisionResult result = applier.handle(decision, List.of());
        assertThat(result.action().getOutcome()).isEqualTo(Outcome.APPLIED);
        applier.committed(decision, result);
        watch.own(KEY, PARTITION);
        watch.follow(KEY, clock.instant());
        return result;
    }

    private List<CapacityState> lookAfter(final Duration wait) throws InterruptedException {
        clock.advance(wait);
        final List<CapacityState> published = followUp.run();
        published.forEach(s -> ledger.published(KEY, s));
        return published;
    }
}
