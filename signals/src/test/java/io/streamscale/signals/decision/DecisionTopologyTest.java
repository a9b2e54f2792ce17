package io.streamscale.signals.decision;

import static io.streamscale.signals.decision.Fixtures.at;
import static io.streamscale.signals.decision.Fixtures.busy;
import static io.streamscale.signals.decision.Fixtures.p95Target;
import static io.streamscale.signals.decision.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.serde.AvroSerdeConfig;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision topology with Kafka Streams' test driver: policies and capacity feedback at run time. */
class DecisionTopologyTest {

    static final String KEY = "fraud-model/AllTraffic";

    Topics topics;
    TopologyTestDriver driver;
    TestInputTopic<String, EndpointSignals> signals;
    TestInputTopic<String, ScalingPolicy> policies;
    TestInputTopic<String, CapacityState> capacity;
    TestOutputTopic<String, ScalingDecision> decisions;

    @BeforeEach
    void start() throws Exception {
        topics = new Topics("", Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://decisions-" + UUID.randomUUID()));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "decisions-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("decisions-ttd").toString());
        driver = new TopologyTestDriver(DecisionTopology.build(topics), props);
        signals = driver.createInputTopic(topics.signals().name(), topics.signals().keySerde().serializer(),
                topics.signals().valueSerde().serializer());
        policies = driver.createInputTopic(topics.policies().name(), topics.policies().keySerde().serializer(),
                topics.policies().valueSerde().serializer());
        capacity = driver.createInputTopic(topics.capacity().name(), topics.capacity().keySerde().serializer(),
                topics.capacity().valueSerde().serializer());
        decisions = driver.createOutputTopic(topics.decisions().name(), topics.decisions().keySerde().deserializer(),
                topics.decisions().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    void window(final EndpointSignals w) {
        signals.pipeInput(KEY, w, w.getWindowEnd());
    }

    void putPolicy(final ScalingPolicy p, final long second) {
        policies.pipeInput(KEY, p, Instant.ofEpochMilli(at(second)));
    }

    @Test
    void windowsWithoutAPolicyDecideNothing() {
        for (long s = 10; s <= 120; s += 10) {
            window(busy(s, 4, 40, 900));
        }
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void aPolicyChangedAtRunTimeAppliesFromTheNextWindow() {
        putPolicy(policy().setTargetTracking(List.of(p95Target(500))).build(), 0);
        for (long s = 10; s <= 60; s += 10) {
            window(busy(s, 4, 40, 412)); // 412 ms is fine against 500 ms
        }
        assertThat(decisions.isEmpty()).isTrue();

        putPolicy(policy().setTargetTracking(List.of(p95Target(300))).build(), 60);
        for (long s = 70; s <= 90; s += 10) {
            window(busy(s, 4, 40, 412)); // against 300 ms: breached for 30 s at 90 s
        }
        final List<KeyValue<String, ScalingDecision>> out = decisions.readKeyValuesToList();
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(KEY);
            assertThat(kv.value.getReason()).isEqualTo("p95 412 ms > 300 ms for 30 s; target tracking 4→6");
            assertThat(kv.value.getDecidedAt().toEpochMilli()).isEqualTo(at(90));
        });

        // A tombstone removes the policy: no more decisions for this variant.
        policies.pipeInput(KEY, null, Instant.ofEpochMilli(at(90)));
        for (long s = 100; s <= 400; s += 10) {
            window(busy(s, 6, 40, 900));
        }
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void decisionsAreCountedByKindInTheAppsMetrics() {
        putPolicy(policy().setTargetTracking(List.of(p95Target(300))).build(), 0);
        for (long s = 10; s <= 30; s += 10) {
            window(busy(s, 4, 40, 412));
        }
        assertThat(decisions.readValuesToList()).hasSize(1);
        assertThat(decisionMetric("scale-out-total")).isEqualTo(1.0);
        assertThat(decisionMetric("scale-in-total")).isEqualTo(0.0);
    }

    double decisionMetric(final String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().contains("decisions") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    @Test
    void capacityFeedbackReplacesTheCapacityTheEngineAssumed() {
        putPolicy(policy().setTargetTracking(List.of(p95Target(300))).build(), 0);
        for (long s = 10; s <= 120; s += 10) {
            window(busy(s, 4, 40, 412)); // the actuator is slow: the signals still see 4 instances
        }
        final ScalingDecision first = decisions.readValue();
        assertThat(first.getFrom()).isEqualTo(4);
        assertThat(first.getTo()).isEqualTo(6);
        assertThat(decisions.isEmpty()).as("no stacked scale-out while the order is under way").isTrue();

        // The actuator clamped the order to 5 (the registered maximum) and says so.
        capacity.pipeInput(KEY, CapacityState.newBuilder().setEndpoint("fraud-model").setCurrentCapacity(5)
                .setDesiredCapacity(5).setLastDecisionId(first.getDecisionId())
                .setUpdatedAt(Instant.ofEpochMilli(at(120))).build(), Instant.ofEpochMilli(at(120)));
        final KeyValueStore<String, EngineState> states = driver.getKeyValueStore(DecisionTopology.STATE_STORE);
        assertThat(states.get(KEY).capacity()).isEqualTo(5);

        // Latency at 5 instances still needs 6 (5 × 330 / 300 = 5.5): the next decision starts from 5.
        for (long s = 130; s <= 200; s += 10) {
            window(busy(s, 5, 40, 330));
        }
        assertThat(decisions.readValuesToList()).extracting(d -> d.getFrom() + "→" + d.getTo()).containsExactly("5→6");
    }

    @Test
    void capacityFeedbackBeforeAnyWindowSetsTheStartingCapacity() {
        capacity.pipeInput(KEY, CapacityState.newBuilder().setEndpoint("fraud-model").setCurrentCapacity(3)
                .setDesiredCapacity(3).setUpdatedAt(Instant.ofEpochMilli(at(0))).build(), Instant.ofEpochMilli(at(0)));
        putPolicy(policy().setTargetTracking(List.of(p95Target(300))).build(), 0);
        for (long s = 10; s <= 30; s += 10) {
            window(busy(s, 3, 40, 600));
        }
        assertThat(decisions.readValue().getFrom()).isEqualTo(3);
    }

    @Test
    void theEngineStateRoundTripsThroughTheStoreSerde() {
        putPolicy(policy().setTargetTracking(List.of(p95Target(300))).build(), 0);
        window(busy(10, 4, 40, 412));
        window(busy(20, 4, 40, 412));
        final KeyValueStore<String, EngineState> states = driver.getKeyValueStore(DecisionTopology.STATE_STORE);
        final EngineState stored = states.get(KEY);
        final EngineStateSerdeRoundTrip roundTrip = new EngineStateSerdeRoundTrip(stored);
        assertThat(roundTrip.afterRoundTrip()).isEqualTo(stored);
        assertThat(stored.runStarts()).containsEntry("targetTracking[0].out", at(0));
    }

    @Test
    void processorsAndStoresHaveStableNames() {
        final Topology topology = DecisionTopology.build(topics);
        final TopologyDescription description = topology.describe();
        final String text = description.toString();
        assertThat(text).contains("read-policies", "remember-policy", "read-capacity", "apply-capacity-feedback",
                "read-signals", "decide", "write-decisions", DecisionTopology.POLICY_STORE, DecisionTopology.STATE_STORE);
        assertThat(description.subtopologies()).as("one sub-topology: all inputs co-partitioned, no repartition")
                .hasSize(1);
    }

    /** Serialises and reads back a state with the store's serde. */
    record EngineStateSerdeRoundTrip(EngineState state) {
        EngineState afterRoundTrip() {
            final var serde = EngineStateSerde.serde();
            return serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
        }
    }
}
