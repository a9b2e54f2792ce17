package io.streamscale.schemas;

import org.apache.kafka.common.serialization.Serde;

/** A topic with the serdes of its keys and values, so every read and write of it agrees on them. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
