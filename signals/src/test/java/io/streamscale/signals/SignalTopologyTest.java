package io.streamscale.signals;

import static io.streamscale.signals.Requests.builder;
import static io.streamscale.signals.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signal topology under TopologyTestDriver: sources, stores, sinks, metric, quiet-partition fallback. */
class SignalTopologyTest {

    static final long T0 = SignalEngineTest.T0;

    final String scope = "signals-" + UUID.randomUUID();
    final Topics topics = new Topics("", Map.of("schema.registry.url", "mock://" + scope));
    TopologyTestDriver driver;
    TestInputTopic<String, RequestLog> logs;
    TestInputTopic<String, ScalingPolicy> policies;
    TestInputTopic<String, CapacityState> capacity;
    TestOutputTopic<String, EndpointSignals> signals;
    TestOutputTopic<String, EndpointSignals> modelSignals;

    void start(final SignalConfig config) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "signals-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(SignalTopology.build(topics, config), props, Instant.ofEpochMilli(T0));
        logs = input(topics.requestLogs());
        policies = input(topics.policies());
        capacity = input(topics.capacity());
        signals = driver.createOutputTopic(topics.signals().name(), topics.signals().keySerde().deserializer(),
                topics.signals().valueSerde().deserializer());
        modelSignals = driver.createOutputTopic(topics.modelSignals().name(), topics.modelSignals().keySerde().deserializer(),
                topics.modelSignals().valueSerde().deserializer());
    }

    private <V> TestInputTopic<String, V> input(final io.streamscale.schemas.Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        InMemorySchemaRegistry.dropScope(scope);
    }

    void pipe(final RequestLog log) {
        logs.pipeInput(log.getEndpoint() + "/" + log.getVariant(), log, log.getTimestamp());
    }

    @Test
    void closedWindowsGoToScalingSignalsKeyedEndpointVariantStampedWithTheirEnd() {
        start(SignalConfig.DEFAULTS);
        for (int i = 0; i < 40; i++) {
            pipe(builder("fraud", T0 + i * 250, 20 + i).setStatusCode(i % 10 == 0 ? 500 : 200).setQueueDepth(i % 4).build());
        }
        assertThat(signals.isEmpty()).isTrue();
        pipe(request("fraud", T0 + 15_000, 10));

        final TestRecord<String, EndpointSignals> out = signals.readRecord();
        assertThat(out.key()).isEqualTo("fraud/AllTraffic");
        assertThat(out.getRecordTime()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
        final EndpointSignals window = out.value();
        assertThat(window.getCount()).isEqualTo(40);
        assertThat(window.getRps()).isEqualTo(4.0);
        assertThat(window.getErrorRate()).isEqualTo(0.1);
        assertThat(window.getMaxLatencyMs()).isEqualTo(59.0);
        assertThat(window.getMeanLatencyMs()).isEqualTo(39.5);
        assertThat(window.getP50LatencyMs()).isBetween(39.0, 39.0 * 1.01);
        assertThat(window.getQueueDepthMax()).isEqualTo(3);
        assertThat(window.getQueueDepthMean()).isEqualTo(1.5);
        assertThat(window.getCapacity()).isEqualTo(1);
        assertThat(window.getInvocationsPerInstance()).isEqualTo(240.0);
        assertThat(window.getConcurrencyMax()).isEqualTo(1.0);
        assertThat(HistogramCodec.decode(window.getLatencyHistogram()).getTotalCount()).isEqualTo(40);
        assertThat(signals.isEmpty()).isTrue();
    }

    @Test
    void aPolicyRegistersItsEndpointForZeroWindowsWithTheMinimumAsCapacity() {
        start(SignalConfig.DEFAULTS);
        policies.pipeInput("idle/AllTraffic", ScalingPolicy.newBuilder().setEndpoint("idle").setMinCapacity(2)
                .setMaxCapacity(8).build(), T0);
        pipe(request("busy", T0, 10));
        pipe(request("busy", T0 + 35_000, 10));

        final List<EndpointSignals> idle = signals.readValuesToList().stream()
                .filter(s -> s.getEndpoint().equals("idle")).toList();
        // From the first window still open when stream time began (it is within grace at T0) to the last closed.
        assertThat(idle).extracting(w -> (w.getWindowStart().toEpochMilli() - T0) / 1000)
                .containsExactly(-10L, 0L, 10L, 20L);
        assertThat(idle).allSatisfy(w -> {
            assertThat(w.getCount()).isZero();
            assertThat(w.getCapacity()).isEqualTo(2);
        });
    }

    @Test
    void aPolicyReadAfterTheTrafficGetsTheSameZeroWindowsAtOnce() {
        // The task does not wait for its policy partition (max.task.idle.ms=-1), so a policy may be read
        // after the requests that moved stream time on: its past zero windows come out when it is read.
        start(SignalConfig.DEFAULTS.withIdleAdvanceAfter(java.time.Duration.ZERO));
        pipe(request("busy", T0, 10));
        pipe(request("busy", T0 + 35_000, 10));
        signals.readValuesToList();
        policies.pipeInput("idle/AllTraffic", ScalingPolicy.newBuilder().setEndpoint("idle").setMinCapacity(2)
                .setMaxCapacity(8).build(), T0 + 35_000);

        final List<EndpointSignals> idle = signals.readValuesToList();
        assertThat(idle).extracting(w -> (w.getWindowStart().toEpochMilli() - T0) / 1000)
                .containsExactly(-10L, 0L, 10L, 20L);
        assertThat(idle).allSatisfy(w -> assertThat(w.getEndpoint()).isEqualTo("idle"));
    }

    @Test
    void endpointCapacityIsTheCapacityInForce() {
        start(SignalConfig.DEFAULTS);
        policies.pipeInput("fraud/AllTraffic", ScalingPolicy.newBuilder().setEndpoint("fraud").setMinCapacity(2)
                .setMaxCapacity(8).build(), T0);
        capacity.pipeInput("fraud/AllTraffic", CapacityState.newBuilder().setEndpoint("fraud").setCurrentCapacity(5)
                .setDesiredCapacity(5).setUpdatedAt(Instant.ofEpochMilli(T0)).build(), T0);
        for (int i = 0; i < 50; i++) {
            pipe(request("fraud", T0 + i * 100, 10));
        }
        pipe(request("fraud", T0 + 20_000, 10));
        final EndpointSignals window = signals.readValue();
        assertThat(window.getCapacity()).isEqualTo(5);
        assertThat(window.getInvocationsPerInstance()).isEqualTo(50 * 6 / 5.0);
    }

    @Test
    void lateRecordsAreCountedInTheMetricAndOnTheNextWindow() {
        start(SignalConfig.DEFAULTS);
        pipe(request("fraud", T0 + 1_000, 10));
        pipe(request("fraud", T0 + 16_000, 10));
        pipe(request("fraud", T0 + 2_000, 10));
        pipe(request("fraud", T0 + 3_000, 10));
        pipe(request("fraud", T0 + 26_000, 10));

        assertThat(signals.readValuesToList()).extracting(EndpointSignals::getCount, EndpointSignals::getLateRecords)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L), org.assertj.core.groups.Tuple.tuple(1L, 2L));
        assertThat(metric("late-records-total")).isEqualTo(2.0);
    }

    @Test
    void multiModelEndpointsGetPerModelSignalsKeyedEndpointVariantModel() {
        start(SignalConfig.DEFAULTS);
        pipe(builder("mme", T0, 100).setTargetModel("a.tar.gz").build());
        pipe(builder("mme", T0 + 1, 200).setTargetModel("b.tar.gz").build());
        pipe(builder("mme", T0 + 2, 300).setTargetModel("b.tar.gz").build());
        pipe(request("mme", T0 + 15_000, 10));

        assertThat(signals.readValue().getCount()).isEqualTo(3);
        final List<KeyValue<String, EndpointSignals>> perModel = modelSignals.readKeyValuesToList();
        assertThat(perModel).extracting(kv -> kv.key, kv -> kv.value.getCount(), kv -> kv.value.getTargetModel())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("mme/AllTraffic/a.tar.gz", 1L, "a.tar.gz"),
                        org.assertj.core.groups.Tuple.tuple("mme/AllTraffic/b.tar.gz", 2L, "b.tar.gz"));
    }

    @Test
    void theLatestSignalsStoreHoldsTheLastClosedWindowPerEndpoint() {
        start(SignalConfig.DEFAULTS);
        pipe(request("fraud", T0, 10));
        pipe(request("fraud", T0 + 10_000, 10));
        pipe(request("fraud", T0 + 10_001, 10));
        pipe(request("fraud", T0 + 25_000, 10));
        final KeyValueStore<String, EndpointSignals> latest = driver.getKeyValueStore(SignalTopology.LATEST_SIGNALS_STORE);
        assertThat(latest.get("fraud/AllTraffic").getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
        assertThat(latest.get("fraud/AllTraffic").getCount()).isEqualTo(2);
    }

    @Test
    void aQuietPartitionsStreamTimeMovesWithTheWallClockAfterTheIdleTimeout() {
        start(SignalConfig.DEFAULTS);
        pipe(request("fraud", T0 + 1_000, 10));
        driver.advanceWallClockTime(Duration.ofSeconds(29));
        assertThat(signals.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(11));
        final List<EndpointSignals> windows = signals.readValuesToList();
        assertThat(windows).isNotEmpty();
        assertThat(windows.get(0).getCount()).isEqualTo(1);
        assertThat(windows.subList(1, windows.size())).allSatisfy(w -> assertThat(w.getCount()).isZero());
    }

    @Test
    void aTaskThatNeverSawARequestStartsItsClockFromTheWallClockForRegisteredEndpoints() {
        start(SignalConfig.DEFAULTS);
        policies.pipeInput("idle/AllTraffic", ScalingPolicy.newBuilder().setEndpoint("idle").setMinCapacity(2)
                .setMaxCapacity(8).build(), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        final List<EndpointSignals> windows = signals.readValuesToList();
        assertThat(windows).isNotEmpty().allSatisfy(w -> {
            assertThat(w.getEndpoint()).isEqualTo("idle");
            assertThat(w.getCount()).isZero();
        });
        assertThat(windows.get(windows.size() - 1).getWindowEnd().toEpochMilli()).isLessThanOrEqualTo(T0 + 60_000 - 5_000);
    }

    @Test
    void withTheIdleFallbackOffAQuietPartitionEmitsNothing() {
        start(SignalConfig.DEFAULTS.withIdleAdvanceAfter(Duration.ZERO));
        pipe(request("fraud", T0 + 1_000, 10));
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(signals.isEmpty()).isTrue();
    }

    @Test
    void aPolicyTombstoneEndsTheZeroWindowsOnceTheEndpointIsIdle() {
        start(new SignalConfig(Duration.ofSeconds(10), Duration.ofSeconds(5), 6, Duration.ofMinutes(5), 1, 0.5, 0.3,
                Duration.ofMinutes(10), 2, 8640, Duration.ZERO));
        policies.pipeInput("idle/AllTraffic", ScalingPolicy.newBuilder().setEndpoint("idle").setMinCapacity(1)
                .setMaxCapacity(2).build(), T0);
        pipe(request("busy", T0, 10));
        pipe(request("busy", T0 + 45_000, 10));
        final long before = signals.readValuesToList().stream().filter(s -> s.getEndpoint().equals("idle")).count();
        assertThat(before).isEqualTo(5);
        policies.pipeInput("idle/AllTraffic", (ScalingPolicy) null, T0 + 45_000);
        pipe(request("busy", T0 + 200_000, 10));
        assertThat(signals.readValuesToList().stream().filter(s -> s.getEndpoint().equals("idle")).count()).isZero();
    }

    @Test
    void malformedTablesAndAbsurdLatenciesDoNotStopTheStream() {
        start(SignalConfig.DEFAULTS);
        policies.pipeInput("/AllTraffic", (ScalingPolicy) null, T0);
        capacity.pipeInput("", (CapacityState) null, T0);
        policies.pipeInput("x", ScalingPolicy.newBuilder().setEndpoint("").setMinCapacity(1).setMaxCapacity(2).build(), T0);
        pipe(builder("fraud", T0, 0).setModelLatencyMicros(Long.MAX_VALUE).setOverheadLatencyMicros(Long.MAX_VALUE).build());
        pipe(builder("fraud", T0 + 1, 0).setModelLatencyMicros(-5).setQueueDepth(-3).build());
        pipe(request("fraud", T0 + 15_000, 10));

        final List<EndpointSignals> windows = signals.readValuesToList();
        assertThat(windows).extracting(EndpointSignals::getEndpoint).containsOnly("fraud");
        final EndpointSignals window = windows.get(0);
        assertThat(window.getCount()).isEqualTo(2);
        assertThat(window.getMaxLatencyMs()).isEqualTo(86_400_000.0);
        assertThat(window.getQueueDepthMax()).isZero();
        assertThat(window.getConcurrencyMean()).isBetween(0.0, 2.0);
    }

    @Test
    void theApplicationMustNotIdleOnTheEmptyPolicyAndCapacityPartitions() {
        assertThat(SignalTopology.streamsOverrides()).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    }

    private double metric(final String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .map(Map.Entry<MetricName, ? extends Metric>::getValue)
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    }
}
