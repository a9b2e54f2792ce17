package io.streamscale.bench;

import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The ceiling: one {@link KafkaConsumer} that reads every partition of the topic from the beginning
 * to the end and deserialises each record with the project's Avro deserializer, doing nothing else.
 * No consumer group (partitions are assigned), so no rebalance is timed; read_committed like the
 * Streams apps it is compared with.
 */
public final class PlainConsumerRun {

    private PlainConsumerRun() {
    }

    public static PhaseResult run(final String bootstrapServers, final Topic<String, RequestLog> topic) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (HeapMeter heap = HeapMeter.start();
             KafkaConsumer<String, RequestLog> consumer = new KafkaConsumer<>(props,
                     topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            final Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            final long expected = endOffsets.values().stream().mapToLong(Long::longValue).sum();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            final long started = System.nanoTime();
            final long cpuStarted = PhaseResult.processCpuNanos();
            long records = 0;
            long latencySum = 0; // uses every record, so nothing can be optimised away
            while (!reachedEnd(consumer, endOffsets)) {
                final ConsumerRecords<String, RequestLog> batch = consumer.poll(Duration.ofMillis(200));
                for (final ConsumerRecord<String, RequestLog> record : batch) {
                    latencySum += record.value().getModelLatencyMicros() + record.key().length();
                    records++;
                }
            }
            final long elapsed = System.nanoTime() - started;
            final long cpu = PhaseResult.processCpuNanos() - cpuStarted;
            if (records != expected) {
                throw new IllegalStateException("Plain consumer read " + records + " records, the topic holds " + expected);
            }
            return new PhaseResult("plain consumer", records, elapsed, cpu, heap.read(),
                    "assign + seekToBeginning, poll until every partition's position is its end offset (checksum " + (latencySum & 0xff) + ")");
        }
    }

    private static boolean reachedEnd(final KafkaConsumer<?, ?> consumer, final Map<TopicPartition, Long> endOffsets) {
        for (final Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
