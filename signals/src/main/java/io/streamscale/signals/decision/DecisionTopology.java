package io.streamscale.signals.decision;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The decision topology:
 *
 * <pre>
 *   for each window on scaling-signals of an endpoint variant with a policy on scaling-policies:
 *     (decision?, state) = DecisionEngine.evaluate(latest policy, state, window)
 *     emit decision to scaling-decisions
 *   where state starts from the capacity in force and follows endpoint-capacity feedback
 * </pre>
 *
 * All three inputs are keyed {@code endpoint/variant} and must be co-partitioned (same partition
 * count, same partitioner): one task sees a variant's windows, policy and capacity, so no repartition
 * is needed. Policies and engine state live in logged stores, so a restarted or moved task resumes
 * with the same cooldowns, sustain periods and assumed capacity.
 */
public final class DecisionTopology {

    /** Latest policy per endpoint variant. */
    public static final String POLICY_STORE = "decision-policies";
    /** {@link EngineState} per endpoint variant. */
    public static final String STATE_STORE = "decision-engine-state";

    private DecisionTopology() {
    }

    /** The decision topology alone, with the default engine. */
    public static Topology build(final Topics topics) {
        return build(topics, new DecisionEngine());
    }

    public static Topology build(final Topics topics, final DecisionEngine engine) {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, topics, engine);
        return builder.build();
    }

    /** Adds the decision topology with the default engine to {@code builder}. */
    public static void addTo(final StreamsBuilder builder, final Topics topics) {
        addTo(builder, topics, new DecisionEngine());
    }

    /** Adds the decision topology to {@code builder}, e.g. next to the signal topology in one application. */
    public static void addTo(final StreamsBuilder builder, final Topics topics, final DecisionEngine engine) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICY_STORE),
                Serdes.String(), topics.<ScalingPolicy>valueSerde(ScalingPolicy.getClassSchema())));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), EngineStateSerde.serde()));

        // 1. Policies: remember the latest per variant; a change applies from the next window on.
        builder.stream(topics.policies().name(), Consumed.with(topics.policies().keySerde(),
                        topics.policies().valueSerde()).withName("read-policies"))
                .process(PolicyUpdates::new, Named.as("remember-policy"), POLICY_STORE);

        // 2. Capacity feedback from the actuator replaces the capacity the engine assumed it ordered.
        builder.stream(topics.capacity().name(), Consumed.with(topics.capacity().keySerde(),
                        topics.capacity().valueSerde()).withName("read-capacity"))
                .process(CapacityFeedback::new, Named.as("apply-capacity-feedback"), STATE_STORE);

        // 3. Each closed window: evaluate the rules, emit the decision (if any) keyed endpoint/variant.
        builder.<String, EndpointSignals>stream(topics.signals().name(), Consumed.with(topics.signals().keySerde(),
                        topics.signals().valueSerde()).withName("read-signals"))
                .process(() -> new Decide(engine), Named.as("decide"), POLICY_STORE, STATE_STORE)
                .to(topics.decisions().name(), Produced.with(topics.decisions().keySerde(),
                        topics.decisions().valueSerde()).withName("write-decisions"));
    }
}
