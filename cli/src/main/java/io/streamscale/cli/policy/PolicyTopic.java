package io.streamscale.cli.policy;

import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes and reads the compacted scaling-policies topic: one record per endpoint variant, keyed
 * {@code endpoint/variant}, Avro in the Confluent wire format; a tombstone removes a policy.
 */
final class PolicyTopic {

    /** How long a write or a read may wait for the cluster before the command gives up. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Topic<String, ScalingPolicy> topic;
    private final Properties clientProperties;

    PolicyTopic(final Topic<String, ScalingPolicy> topic, final Properties clientProperties) {
        this.topic = topic;
        this.clientProperties = clientProperties;
    }

    String name() {
        return topic.name();
    }

    /** Writes each policy (null value: a tombstone) and waits until the cluster has every one. */
    void write(final Map<String, ScalingPolicy> byKey) throws ExecutionException, InterruptedException, TimeoutException {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        try (KafkaProducer<String, ScalingPolicy> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            byKey.forEach((key, policy) -> sent.add(producer.send(new ProducerRecord<>(topic.name(), key, policy))));
            producer.flush();
            for (final java.util.concurrent.Future<?> future : sent) {
                future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The policy in force for every endpoint variant: the topic read from its start to its current end. */
    Map<String, ScalingPolicy> readAll() {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        final Map<String, ScalingPolicy> latest = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name(), TIMEOUT).forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            if (partitions.isEmpty()) {
                throw new KafkaException("topic " + topic.name() + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            final Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KafkaException("reading " + topic.name() + " to its end took longer than " + TIMEOUT.toSeconds() + " s");
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
                    }
                }
            }
        }
        return latest;
    }
}
