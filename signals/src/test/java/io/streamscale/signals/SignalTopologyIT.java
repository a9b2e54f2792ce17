package io.streamscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signal topology on the real in-process broker with exactly-once v2: a run that crashes mid-stream
 * (a poison record kills the stream thread with windows open and a transaction in flight) and is
 * restarted on an empty state directory yields, read_committed, exactly the windows of an uninterrupted
 * run: none lost, none twice.
 */
class SignalTopologyIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();
    static final Duration DEADLINE = Duration.ofSeconds(90);
    /**
     * Recent, 10 s-aligned: the broker's time-based retention (7 days) deletes rolled segments whose
     * records are older, so a test (or a replay) with years-old timestamps can lose its input.
     */
    static final long T0 = (System.currentTimeMillis() - 3_600_000) / 10_000 * 10_000;
    static final int PARTITIONS = 2;
    static final String[] ENDPOINTS = {"fraud", "search-ranker", "llm-chat"};
    /** Far enough after the traffic that every window of every endpoint has closed. */
    static final long SENTINEL_TIME = T0 + 180_000;
    static final SignalConfig CONFIG = SignalConfig.DEFAULTS.withIdleAdvanceAfter(Duration.ZERO);

    Topics topics;

    @BeforeEach
    void createTopics() {
        topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), PARTITIONS);
    }

    @Test
    void aCrashAndRestartMidStreamYieldsTheSameWindowsAsAnUninterruptedRun() throws Exception {
        // Uninterrupted: everything in, one run.
        final Topics reference = topics;
        publishPolicy(reference);
        publishTraffic(reference, 0, 60_000);
        publishPoison(reference);
        publishTraffic(reference, 60_000, 120_000);
        publishSentinels(reference);
        final Map<String, List<EndpointSignals>> expected;
        try (KafkaStreams streams = start(reference, "uninterrupted", true)) {
            expected = awaitAllWindows(reference);
            assertLatestStoreHoldsTheLastWindows(streams, expected);
        }

        // Interrupted: the first run dies on the poison record, in the middle of the traffic.
        topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), PARTITIONS);
        publishPolicy(topics);
        publishTraffic(topics, 0, 60_000);
        try (KafkaStreams crashing = start(topics, "interrupted", false)) {
            await(topics, windows -> windows.values().stream().mapToInt(List::size).sum() >= 6);
            publishPoison(topics);
            awaitState(crashing, KafkaStreams.State.ERROR);
        }
        publishTraffic(topics, 60_000, 120_000);
        publishSentinels(topics);
        final Map<String, List<EndpointSignals>> actual;
        try (KafkaStreams restarted = start(topics, "interrupted", true)) {
            actual = awaitAllWindows(topics);
        }

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (final String key : expected.keySet()) {
            assertThat(actual.get(key)).as("windows of %s", key).isEqualTo(expected.get(key));
            assertThat(actual.get(key)).extracting(EndpointSignals::getWindowStart).doesNotHaveDuplicates();
        }
        assertThat(expected.get("idle/AllTraffic")).allSatisfy(w -> {
            assertThat(w.getCount()).isZero();
            assertThat(w.getCapacity()).isEqualTo(3);
        });
        assertThat(expected.get("fraud/AllTraffic").stream().mapToLong(EndpointSignals::getCount).sum()).isEqualTo(1200);
    }

    private KafkaStreams start(final Topics t, final String name, final boolean skipPoison) {
        final Properties props = KAFKA.streamsProps(t.prefix() + name);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.putAll(SignalTopology.streamsOverrides());
        // A crashed member never says goodbye: let the group notice within seconds, not 45.
        props.put(StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        if (skipPoison) {
            props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        }
        final KafkaStreams streams = new KafkaStreams(SignalTopology.build(t, CONFIG), props);
        streams.start();
        return streams;
    }

    /** 10 requests a second per endpoint, latency rising with time, every 20th a 503. */
    private void publishTraffic(final Topics t, final long fromMs, final long toMs) {
        try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(KAFKA.producerProps(),
                t.requestLogs().keySerde().serializer(), t.requestLogs().valueSerde().serializer())) {
            for (long offset = fromMs; offset < toMs; offset += 100) {
                for (int e = 0; e < ENDPOINTS.length; e++) {
                    final long ts = T0 + offset + e * 7;
                    final RequestLog log = Requests.builder(ENDPOINTS[e], ts, 20 + (offset / 1000) + e * 30 + (offset % 700) / 10.0)
                            .setStatusCode(offset % 2000 == 0 ? 503 : 200).setQueueDepth((int) (offset / 1000) % 9)
                            .setTargetModel(e == 2 ? (offset % 300 == 0 ? "small" : "large") : null).build();
                    producer.send(new ProducerRecord<>(t.requestLogs().name(), null, ts, ENDPOINTS[e] + "/AllTraffic", log));
                }
            }
        }
    }

    private void publishPolicy(final Topics t) {
        try (KafkaProducer<String, ScalingPolicy> producer = new KafkaProducer<>(KAFKA.producerProps(),
                t.policies().keySerde().serializer(), t.policies().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(t.policies().name(), null, T0, "idle/AllTraffic",
                    ScalingPolicy.newBuilder().setEndpoint("idle").setMinCapacity(3).setMaxCapacity(6).build()));
        }
    }

    /** Bytes that are not Confluent-framed Avro, on every partition: the first run dies on them. */
    private void publishPoison(final Topics t) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.producerProps(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(t.requestLogs().name(), p, T0 + 60_000, "poison/AllTraffic",
                        "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    /** One request per partition far after the traffic, so every task's stream time closes every window. */
    private void publishSentinels(final Topics t) {
        try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(KAFKA.producerProps(),
                t.requestLogs().keySerde().serializer(), t.requestLogs().valueSerde().serializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(t.requestLogs().name(), p, SENTINEL_TIME, "sentinel/AllTraffic",
                        Requests.request("sentinel", SENTINEL_TIME, 1)));
            }
        }
    }

    /** Waits until every endpoint (and the idle one) has its last window before the sentinel's stream time. */
    private Map<String, List<EndpointSignals>> awaitAllWindows(final Topics t) {
        final long lastClosedStart = Math.floorDiv(SENTINEL_TIME - CONFIG.graceMs(), CONFIG.windowSizeMs())
                * CONFIG.windowSizeMs() - CONFIG.windowSizeMs();
        return await(t, seen -> {
            for (final String key : List.of("fraud/AllTraffic", "search-ranker/AllTraffic", "llm-chat/AllTraffic", "idle/AllTraffic")) {
                final List<EndpointSignals> of = seen.getOrDefault(key, List.of());
                if (of.isEmpty() || of.get(of.size() - 1).getWindowStart().toEpochMilli() < lastClosedStart) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Reads committed signals until {@code done}, then a second more, so a duplicate would show up too. */
    private Map<String, List<EndpointSignals>> await(final Topics t, final Predicate<Map<String, List<EndpointSignals>>> done) {
        final Map<String, List<EndpointSignals>> seen = new TreeMap<>();
        try (KafkaConsumer<String, EndpointSignals> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                t.signals().keySerde().deserializer(), t.signals().valueSerde().deserializer())) {
            consumer.subscribe(List.of(t.signals().name()));
            final long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
            long stopAt = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, stopAt)) {
                for (final ConsumerRecord<String, EndpointSignals> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!r.key().startsWith("sentinel/")) {
                        seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                }
                if (stopAt == Long.MAX_VALUE && done.test(seen)) {
                    stopAt = System.currentTimeMillis() + 1000;
                }
            }
            assertThat(stopAt).as("signals within %s, got %s", DEADLINE, summary(seen)).isNotEqualTo(Long.MAX_VALUE);
        }
        return seen;
    }

    private void assertLatestStoreHoldsTheLastWindows(final KafkaStreams streams, final Map<String, List<EndpointSignals>> windows)
            throws InterruptedException {
        awaitState(streams, KafkaStreams.State.RUNNING);
        final ReadOnlyKeyValueStore<String, EndpointSignals> latest = streams.store(StoreQueryParameters.fromNameAndType(
                SignalTopology.LATEST_SIGNALS_STORE, QueryableStoreTypes.keyValueStore()));
        for (final Map.Entry<String, List<EndpointSignals>> entry : windows.entrySet()) {
            final List<EndpointSignals> of = entry.getValue();
            assertThat(latest.get(entry.getKey())).as("latest of %s", entry.getKey()).isEqualTo(of.get(of.size() - 1));
        }
    }

    private static void awaitState(final KafkaStreams streams, final KafkaStreams.State state) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
        while (streams.state() != state && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.state()).isEqualTo(state);
    }

    private static Map<String, Integer> summary(final Map<String, List<EndpointSignals>> seen) {
        final Map<String, Integer> sizes = new LinkedHashMap<>();
        seen.forEach((k, v) -> sizes.put(k, v.size()));
        return sizes;
    }
}
