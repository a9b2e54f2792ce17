package io.streamscale.schemas;

import io.streamscale.schemas.serde.SpecificAvroSerde;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every StreamScale topic, its name (behind a configurable prefix) and its serdes. Keys are
 * {@code endpoint/variant} strings ({@link EndpointKey}); values are Confluent-framed Avro,
 * except the raw input and the dead-letter topic, which hold producers' bytes untouched.
 */
public final class Topics {

    public static final String RAW_REQUEST_LOGS = "inference-logs.raw";
    public static final String REQUEST_LOGS = "inference-logs";
    public static final String DEAD_LETTERS = "inference-logs.dlq";
    public static final String SIGNALS = "scaling-signals";
    public static final String MODEL_SIGNALS = "scaling-signals.by-model";
    public static final String POLICIES = "scaling-policies";
    public static final String DECISIONS = "scaling-decisions";
    public static final String ACTIONS = "scaling-actions";
    public static final String CAPACITY = "endpoint-capacity";

    /** Topics that keep only the latest value per key. */
    public static final List<String> COMPACTED = List.of(POLICIES, CAPACITY);

    private final String prefix;
    private final Map<String, ?> serdeConfig;

    /**
     * @param prefix      prepended to every topic name ("" for none), e.g. {@code prod.}
     * @param serdeConfig at least {@code schema.registry.url}
     */
    public Topics(final String prefix, final Map<String, ?> serdeConfig) {
        this.prefix = prefix == null ? "" : prefix;
        this.serdeConfig = Map.copyOf(serdeConfig);
    }

    public String prefix() {
        return prefix;
    }

    public Topic<String, byte[]> rawRequestLogs() {
        return new Topic<>(prefix + RAW_REQUEST_LOGS, Serdes.String(), Serdes.ByteArray());
    }

    public Topic<String, RequestLog> requestLogs() {
        return avro(REQUEST_LOGS, RequestLog.getClassSchema());
    }

    public Topic<byte[], byte[]> deadLetters() {
        return new Topic<>(prefix + DEAD_LETTERS, Serdes.ByteArray(), Serdes.ByteArray());
    }

    public Topic<String, EndpointSignals> signals() {
        return avro(SIGNALS, EndpointSignals.getClassSchema());
    }

    /** Per-model signals of multi-model endpoints, keyed {@code endpoint/variant/model}. */
    public Topic<String, EndpointSignals> modelSignals() {
        return avro(MODEL_SIGNALS, EndpointSignals.getClassSchema());
    }

    public Topic<String, ScalingPolicy> policies() {
        return avro(POLICIES, ScalingPolicy.getClassSchema());
    }

    public Topic<String, ScalingDecision> decisions() {
        return avro(DECISIONS, ScalingDecision.getClassSchema());
    }

    public Topic<String, ScalingAction> actions() {
        return avro(ACTIONS, ScalingAction.getClassSchema());
    }

    public Topic<String, CapacityState> capacity() {
        return avro(CAPACITY, CapacityState.getClassSchema());
    }

    /** Every topic name, with the prefix, for creating them. */
    public List<String> allNames() {
        return List.of(RAW_REQUEST_LOGS, REQUEST_LOGS, DEAD_LETTERS, SIGNALS, MODEL_SIGNALS, POLICIES, DECISIONS,
                ACTIONS, CAPACITY).stream().map(n -> prefix + n).toList();
    }

    public boolean isCompacted(final String prefixedName) {
        return COMPACTED.stream().anyMatch(n -> (prefix + n).equals(prefixedName));
    }

    /** A configured value serde for any generated class, for topics outside this list (internal stores). */
    public <T extends SpecificRecord> Serde<T> valueSerde(final Schema schema) {
        return SpecificAvroSerde.forValues(schema, serdeConfig);
    }

    private <V extends SpecificRecord> Topic<String, V> avro(final String name, final Schema schema) {
        return new Topic<>(prefix + name, Serdes.String(), valueSerde(schema));
    }
}
