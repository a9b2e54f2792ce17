package io.streamscale.actuator;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link EndpointLedger} from the committed records of the compacted
 * {@code endpoint-capacity} topic (read_committed, from the beginning to the end offsets), so that
 * after a restart or a rebalance duplicates and stale decisions are still recognised.
 */
final class LedgerRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerRestorer.class);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Properties consumerProps;
    private final Topic<String, CapacityState> capacity;

    LedgerRestorer(final Map<String, Object> baseProps, final Topic<String, CapacityState> capacity) {
        this.consumerProps = new Properties();
        this.consumerProps.putAll(baseProps);
        this.consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.capacity = capacity;
    }

    void restoreInto(final EndpointLedger ledger) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(capacity.name(), DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            ledger.clear();
            int restored = 0;
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, DEADLINE) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + capacity.name() + " to its end within " + DEADLINE);
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final CapacityState state = record.value() == null ? null
                            : capacity.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    ledger.restore(record.key(), state);
                    restored++;
                }
            }
            LOG.info("restored the actuator ledger from {} records of {}", restored, capacity.name());
        }
    }
}
