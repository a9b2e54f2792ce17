package io.streamscale.signals;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The signal topology. Rule, per endpoint variant and epoch-aligned window W of {@code windowSize}:
 * <pre>
 *   SELECT count, rps, errorRate, p50..p99/max/mean(model + overhead latency), concurrency, queue depth,
 *          capacity, invocationsPerInstance, rpsSlope, rpsForecast, lateRecords, histogram
 *   FROM inference-logs GROUP BY key, W  EMIT ONCE WHEN W.end + grace &lt;= stream time
 * </pre>
 * plus zero windows for every variant with a policy, and per-model windows for multi-model endpoints.
 *
 * <p>Read top to bottom: three sources, all keyed {@code endpoint/variant} and <b>co-partitioned</b>
 * (the same partition count and the default partitioner, so one variant's logs, policy and capacity meet
 * in one task; no repartition, no global store); three processors sharing the task's live windows;
 * two sinks. The live windows are plain Java ({@link SignalEngine}) and reach their change-logged store
 * only at commit (see {@link LiveSignalsStore}), so no request is serialised on the way through.
 */
public final class SignalTopology {

    /** Queryable {@code KeyValueStore<String, EndpointSignals>}: the latest closed window per endpoint/variant. */
    public static final String LATEST_SIGNALS_STORE = "latest-signals";
    /** The live open windows of each task, change-logged at commit. */
    public static final String LIVE_WINDOWS_STORE = "signals-live-windows";

    static final String REQUEST_LOGS_SOURCE = "request-logs";
    static final String POLICIES_SOURCE = "scaling-policies";
    static final String CAPACITY_SOURCE = "endpoint-capacity";
    static final String WINDOWS_PROCESSOR = "window-signals";
    static final String POLICY_PROCESSOR = "register-policies";
    static final String CAPACITY_PROCESSOR = "capacity-in-force";
    static final String SIGNALS_SINK = "scaling-signals";
    static final String MODEL_SIGNALS_SINK = "scaling-signals-by-model";

    private SignalTopology() {
    }

    /**
     * Kafka Streams settings the signal application needs on top of the runner's own:
     * {@code max.task.idle.ms = -1}. Each task reads three partitions, and the policy and capacity
     * partitions are empty almost always; with any other value Streams checks (and formats a log
     * line for) every empty partition before every request it processes, which costs more than the
     * whole signal computation. Nothing here needs Streams to interleave the three inputs by
     * timestamp: policies and capacity are tables, applied when they arrive.
     */
    public static Map<String, Object> streamsOverrides() {
        return Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }

    public static Topology build(final Topics topics, final SignalConfig config) {
        final var logs = topics.requestLogs();
        final var policies = topics.policies();
        final var capacity = topics.capacity();
        final var signals = topics.signals();
        final var modelSignals = topics.modelSignals();
        final Topology topology = new Topology();

        // 1. Requests to window, and the two compacted tables that say which endpoints exist and how big
        //    they are; the tables are read whole from the start, whatever the group's reset policy.
        topology.addSource(REQUEST_LOGS_SOURCE, logs.keySerde().deserializer(), logs.valueSerde().deserializer(), logs.name());
        topology.addSource(AutoOffsetReset.earliest(), POLICIES_SOURCE, policies.keySerde().deserializer(),
                policies.valueSerde().deserializer(), policies.name());
        topology.addSource(AutoOffsetReset.earliest(), CAPACITY_SOURCE, capacity.keySerde().deserializer(),
                capacity.valueSerde().deserializer(), capacity.name());

        // 2. One engine per task, shared by the three processors through the live-windows store.
        topology.addProcessor(POLICY_PROCESSOR, PolicyRegistrationProcessor::new, POLICIES_SOURCE);
        topology.addProcessor(CAPACITY_PROCESSOR, CapacityProcessor::new, CAPACITY_SOURCE);
        topology.addProcessor(WINDOWS_PROCESSOR, () -> new RequestLogProcessor(config), REQUEST_LOGS_SOURCE);
        topology.addStateStore(new LiveSignalsStoreBuilder(LIVE_WINDOWS_STORE, config),
                WINDOWS_PROCESSOR, POLICY_PROCESSOR, CAPACITY_PROCESSOR);
        topology.addStateStore(latestSignalsStore(topics), WINDOWS_PROCESSOR, POLICY_PROCESSOR);

        // 3. Closed windows out: the variant's own, and per model of a multi-model endpoint.
        topology.addSink(SIGNALS_SINK, signals.name(), signals.keySerde().serializer(), signals.valueSerde().serializer(),
                WINDOWS_PROCESSOR, POLICY_PROCESSOR);
        topology.addSink(MODEL_SIGNALS_SINK, modelSignals.name(), modelSignals.keySerde().serializer(),
                modelSignals.valueSerde().serializer(), WINDOWS_PROCESSOR, POLICY_PROCESSOR);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, EndpointSignals>> latestSignalsStore(final Topics topics) {
        // Written once per closed window, not per request: an ordinary logged store is cheap enough here.
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LATEST_SIGNALS_STORE), Serdes.String(),
                topics.<EndpointSignals>valueSerde(EndpointSignals.getClassSchema()));
    }
}
