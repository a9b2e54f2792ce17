package io.streamscale.actuator;

import static io.streamscale.actuator.Decisions.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.actuator.aws.AwsClients;
import io.streamscale.actuator.aws.FakeAws;
import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.Outcome;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.Topic;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The actuator on the real in-process broker, against a local server speaking AWS's protocols:
 * decisions in, one outcome per decision and the observed capacity out, exactly once across a
 * crash between the AWS call and the commit, and across restarts.
 */
class ActuatorIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String UPDATE = "UpdateEndpointWeightsAndCapacities";

    final FakeAws aws = new FakeAws("eu-west-1");
    Topics topics;
    ActuatorConfig config;
    AwsClients clients;

    @BeforeEach
    void setUp() {
        topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 2);
        final String group = "actuator-" + UUID.randomUUID();
        config = ActuatorConfig.builder(KAFKA.bootstrapServers(), KAFKA.schemaRegistryUrl())
                .topicPrefix(topics.prefix()).groupId(group).transactionalId(group + "-0")
                .region("eu-west-1").awsEndpointUrl(aws.url()).dryRun(false)
                .retryBaseDelay(Duration.ofMillis(5)).retryMaxBackoff(Duration.ofMillis(20))
                .inProgressRetryDelay(Duration.ofMillis(50)).inProgressMaxWait(Duration.ofSeconds(10))
                .endpointMinInterval(Duration.ZERO).pollTimeout(Duration.ofMillis(100))
                // no follow-up or refresh records unless a test asks for them: they would change the counts
                .followUpInterval(Duration.ofHours(1)).capacityRefreshInterval(Duration.ZERO)
                .build();
        clients = AwsClients.withCredentials(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTREAMSCALETEST", "fake-secret-key")));
    }

    @AfterEach
    void tearDown() {
        clients.close();
        aws.close();
    }

    @Test
    void decisionsInOutcomesAndCapacityOut() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 1, 10);
        aws.endpoint("search-ranker", "AllTraffic", 4).upcomingStatuses.add("Updating");
        final Instant now = Instant.now();
        final ScalingDecision fraud = decision("fraud-1", "fraud-model", now.minusSeconds(10), 2, 5);
        final ScalingDecision search = decision("search-1", "search-ranker", now.minusSeconds(10), 4, 3);

        try (Actuator actuator = Actuator.start(config, clients)) {
            publish(fraud, search, fraud, decision("fraud-0", "fraud-model", now.minusSeconds(30), 2, 3));

            final List<ScalingAction> actions = await(topics.actions(), 4, a -> true);
            assertThat(actions).extracting(a -> a.getDecisionId() + " " + a.getOutcome()).containsExactlyInAnyOrder(
                    "fraud-1 APPLIED", "search-1 APPLIED", "fraud-1 SKIPPED_DUPLICATE", "fraud-0 SKIPPED_STALE");
            final List<CapacityState> capacity = await(topics.capacity(), 2, c -> true);
            assertThat(capacity).extracting(c -> c.getEndpoint() + " " + c.getDesiredCapacity() + " "
                    + c.getMinCapacity() + ".." + c.getMaxCapacity())
                    .containsExactlyInAnyOrder("fraud-model 5 1..10", "search-ranker 3 null..null");
            assertThat(actuator.outcomeCounts()).containsEntry(Outcome.APPLIED, 2L);
        }
        assertThat(aws.calls(UPDATE)).hasSize(2);
        assertThat(aws.calls("PutMetricData")).isNotEmpty();
        assertThat(aws.calls("PutMetricData").get(0).form()).containsEntry("Namespace", "StreamScale");
    }

    @Test
    void anAppliedChangeIsReportedAgainWhenInServiceAndOutsideChangesReachEndpointCapacity() throws Exception {
        final FakeAws.Endpoint endpoint = aws.endpoint("fraud-model", "AllTraffic", 2);
        endpoint.updateTakesDescribes = 2;
        final ActuatorConfig watching = ActuatorConfig.builder(config.bootstrapServers(), config.schemaRegistryUrl())
                .topicPrefix(config.topicPrefix()).groupId(config.groupId()).transactionalId(config.transactionalId())
                .region("eu-west-1").awsEndpointUrl(aws.url()).dryRun(false).endpointMinInterval(Duration.ZERO)
                .pollTimeout(Duration.ofMillis(100)).followUpInterval(Duration.ofMillis(100))
                .followUpMaxWait(Duration.ofSeconds(30)).capacityRefreshInterval(Duration.ofMillis(300))
                .build();

        try (Actuator actuator = Actuator.start(watching, clients)) {
            publish(decision("fraud-1", "fraud-model", Instant.now().minusSeconds(5), 2, 5));
            final List<CapacityState> untilInService = awaitUntil(topics.capacity(),
                    c -> c.getStatus().equals("InService") && c.getCurrentCapacity() == 5);
            endpoint.changedOutside(8);
            final List<CapacityState> untilOutside = awaitUntil(topics.capacity(), c -> c.getCurrentCapacity() == 8);
            assertThat(actuator.failure()).isEmpty();

            assertThat(untilInService).extracting(c -> c.getStatus() + " " + c.getCurrentCapacity() + "->"
                    + c.getDesiredCapacity() + " " + c.getLastDecisionId())
                    .containsExactly("Updating 2->5 fraud-1", "InService 5->5 fraud-1");
            assertThat(untilOutside).last().satisfies(c -> {
                assertThat(c.getDesiredCapacity()).isEqualTo(8);
                assertThat(c.getLastDecisionId()).isEqualTo("fraud-1");
            });
        }
        // The follow-ups published capacity only: still exactly one outcome, one change.
        assertThat(await(topics.actions(), 1, a -> true)).extracting(ScalingAction::getOutcome)
                .containsExactly(Outcome.APPLIED);
        assertThat(aws.calls(UPDATE)).hasSize(1);
    }

    @Test
    void aRefusedOrderIsReportedWithTheRealCapacityAndIsADuplicateAfterRestart() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        aws.scalableTarget("fraud-model", "AllTraffic", 1, 10);
        aws.script(UPDATE, new FakeAws.Scripted(400, "ValidationException",
                "The variant(s) \"[AllTraffic]\" is not present in endpoint."));
        final ScalingDecision refused = decision("fraud-1", "fraud-model", Instant.now().minusSeconds(5), 2, 5);

        try (Actuator actuator = Actuator.start(config, clients)) {
            publish(refused);
            assertThat(await(topics.capacity(), 1, c -> true)).singleElement().satisfies(c -> {
                assertThat(c.getLastDecisionId()).isEqualTo("fraud-1");
                assertThat(c.getDesiredCapacity()).isEqualTo(2);
                assertThat(c.getCurrentCapacity()).isEqualTo(2);
            });
        }
        aws.clearCalls();
        try (Actuator restarted = Actuator.start(config, clients)) {
            publish(refused);
            assertThat(await(topics.actions(), 2, a -> true)).extracting(a -> a.getDecisionId() + " " + a.getOutcome())
                    .containsExactly("fraud-1 REJECTED", "fraud-1 SKIPPED_DUPLICATE");
        }
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void aCrashBetweenTheAwsCallAndTheCommitCausesNoSecondCallAfterRestart() throws Exception {
        aws.endpoint("fraud-model", "AllTraffic", 2);
        final Instant now = Instant.now();
        final ScalingDecision first = decision("fraud-1", "fraud-model", now.minusSeconds(20), 2, 5);

        // 1. The actuator calls AWS, then dies before committing outcome and offset.
        final Actuator crashing = Actuator.start(config, clients, d -> {
            throw new IllegalStateException("simulated crash after the AWS call for " + d.getDecisionId());
        });
        publish(first);
        awaitCondition(() -> !crashing.isRunning());
        crashing.close();
        assertThat(crashing.failure()).get().extracting(Throwable::getMessage).asString().contains("simulated crash");
        assertThat(aws.calls(UPDATE)).hasSize(1);

        // 2. Restarted: the decision is replayed, reconciled with DesiredInstanceCount, not applied again.
        try (Actuator restarted = Actuator.start(config, clients)) {
            final List<ScalingAction> actions = await(topics.actions(), 1, a -> true);
            assertThat(actions).singleElement().satisfies(a -> {
                assertThat(a.getDecisionId()).isEqualTo("fraud-1");
                assertThat(a.getOutcome()).isEqualTo(Outcome.SKIPPED_DUPLICATE);
                assertThat(a.getError()).startsWith("reconciled: DesiredInstanceCount is already 5");
            });
            publish(decision("fraud-2", "fraud-model", now.minusSeconds(10), 5, 7));
            await(topics.actions(), 2, a -> true);
            assertThat(restarted.failure()).isEmpty();
        }
        assertThat(aws.calls(UPDATE)).hasSize(2);

        // 3. Restarted again: a re-published copy of fraud-2 is known from endpoint-capacity, no AWS call at all.
        aws.clearCalls();
        try (Actuator again = Actuator.start(config, clients)) {
            publish(decision("fraud-2", "fraud-model", now.minusSeconds(10), 5, 7));
            final List<ScalingAction> actions = await(topics.actions(), 3, a -> true);
            assertThat(actions).extracting(a -> a.getDecisionId() + " " + a.getOutcome())
                    .containsExactly("fraud-1 SKIPPED_DUPLICATE", "fraud-2 APPLIED", "fraud-2 SKIPPED_DUPLICATE");
        }
        assertThat(aws.calls()).isEmpty();
        assertThat(aws.endpoint("fraud-model", "AllTraffic").desired).isEqualTo(7);
    }

    @Test
    void twoInstancesShareTheDecisionsAndAHandOverAppliesEachOnce() throws Exception {
        final List<String> models = List.of("model-a", "model-b", "model-c", "model-d", "model-e", "model-f");
        models.forEach(m -> aws.endpoint(m, "AllTraffic", 1));
        final Instant now = Instant.now();
        final ActuatorConfig second = ActuatorConfig.builder(config.bootstrapServers(), config.schemaRegistryUrl())
                .topicPrefix(config.topicPrefix()).groupId(config.groupId()).transactionalId(config.groupId() + "-1")
                .region("eu-west-1").awsEndpointUrl(aws.url()).dryRun(false).endpointMinInterval(Duration.ZERO)
                .pollTimeout(Duration.ofMillis(100)).followUpInterval(Duration.ofHours(1))
                .capacityRefreshInterval(Duration.ZERO).build();

        final Actuator first = Actuator.start(config, clients);
        try (Actuator survivor = Actuator.start(second, clients)) {
            assertThat(first.awaitAssignment(DEADLINE)).isTrue();
            assertThat(survivor.awaitAssignment(DEADLINE)).isTrue();
            publish(models.stream().map(m -> decision(m + "-1", m, now.minusSeconds(20), 1, 2))
                    .toArray(ScalingDecision[]::new));
            await(topics.actions(), models.size(), a -> true);

            // Both did some of the work; then one instance leaves, the survivor takes its partitions
            // and rebuilds its ledger from endpoint-capacity.
            assertThat(first.outcomeCounts()).containsKey(Outcome.APPLIED);
            assertThat(survivor.outcomeCounts()).containsKey(Outcome.APPLIED);
            first.close();
            final List<ScalingDecision> next = new ArrayList<>();
            models.forEach(m -> next.add(decision(m + "-1", m, now.minusSeconds(20), 1, 2)));
            models.forEach(m -> next.add(decision(m + "-2", m, now.minusSeconds(10), 2, 3)));
            publish(next.toArray(ScalingDecision[]::new));

            final List<ScalingAction> actions = await(topics.actions(), models.size() * 3, a -> true);
            for (final String m : models) {
                assertThat(actions).filteredOn(a -> a.getEndpoint().equals(m))
                        .extracting(a -> a.getDecisionId() + " " + a.getOutcome())
                        .containsExactlyInAnyOrder(m + "-1 APPLIED", m + "-1 SKIPPED_DUPLICATE", m + "-2 APPLIED");
                assertThat(aws.calls(UPDATE)).filteredOn(c -> c.json().get("EndpointName").asText().equals(m))
                        .extracting(c -> c.json().at("/DesiredWeightsAndCapacities/0/DesiredInstanceCount").asInt())
                        .containsExactly(2, 3);
            }
            assertThat(survivor.failure()).isEmpty();
        }
    }

    @Test
    void dryRunByDefaultRecordsDryRunAndCallsNothing() throws Exception {
        final ActuatorConfig dryRun = ActuatorConfig.builder(KAFKA.bootstrapServers(), KAFKA.schemaRegistryUrl())
                .topicPrefix(topics.prefix()).groupId("dry-" + UUID.randomUUID()).awsEndpointUrl(aws.url())
                .pollTimeout(Duration.ofMillis(100)).build();

        try (Actuator actuator = Actuator.start(dryRun)) {
            publish(decision("fraud-1", "fraud-model", Instant.now(), 2, 5));
            final List<ScalingAction> actions = await(topics.actions(), 1, a -> true);
            assertThat(actions).singleElement().extracting(ScalingAction::getOutcome).isEqualTo(Outcome.DRY_RUN);
            assertThat(await(topics.capacity(), 1, c -> true)).singleElement()
                    .extracting(CapacityState::getDesiredCapacity).isEqualTo(5);
        }
        assertThat(aws.calls()).isEmpty();
    }

    private void publish(final ScalingDecision... decisions) {
        final Topic<String, ScalingDecision> topic = topics.decisions();
        try (KafkaProducer<String, ScalingDecision> producer = new KafkaProducer<>(KAFKA.producerProps(),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (final ScalingDecision d : decisions) {
                producer.send(new ProducerRecord<>(topic.name(), d.getEndpoint() + "/" + d.getVariant(), d));
            }
            producer.flush();
        }
    }

    /** Reads committed records from the beginning until {@code count} match, then checks no more arrive. */
    private <V> List<V> await(final Topic<String, V> topic, final int count, final Predicate<V> filter) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            final List<V> seen = new ArrayList<>();
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(r.value())) {
                        seen.add(r.value());
                    }
                }
            }
            // a short extra look, so a duplicate outcome would be caught
            final long settle = System.nanoTime() + Duration.ofMillis(700).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
            }
            assertThat(seen).as("records on " + topic.name()).hasSize(count);
            return seen;
        }
    }

    /** Reads committed records from the beginning until one matches; returns all read so far. */
    private <V> List<V> awaitUntil(final Topic<String, V> topic, final Predicate<V> last) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            final List<V> seen = new ArrayList<>();
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen.stream().noneMatch(last) && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (seen.stream().noneMatch(last)) {
                        seen.add(r.value());
                    }
                }
            }
            assertThat(seen).as("records on " + topic.name()).anyMatch(last);
            return seen;
        }
    }

    private static void awaitCondition(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + DEADLINE).isTrue();
    }
}
