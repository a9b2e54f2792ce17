package io.streamscale.signals.decision;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of {@link EngineState} for the decision topology's logged store. JSON rather than Avro:
 * the state is internal to this topology, small (a few hundred bytes per endpoint variant), readable
 * in its changelog topic, and unknown fields are ignored so a newer version can add some.
 */
public final class EngineStateSerde {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EngineStateSerde() {
    }

    public static Serde<EngineState> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    static Serializer<EngineState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new SerializationException("cannot write engine state for " + topic, e);
            }
        };
    }

    static Deserializer<EngineState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, EngineState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read engine state from " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
