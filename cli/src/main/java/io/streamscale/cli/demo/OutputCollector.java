package io.streamscale.cli.demo;

import io.streamscale.cli.watch.WatchTable;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the demo's services write, as any consumer would (read_committed, from the start):
 * signals, per-model signals, decisions, actions, capacity and dead letters. Feeds the live table
 * and keeps everything for the files and the report.
 */
final class OutputCollector implements AutoCloseable {

    /** The header ingest puts the reason code in. */
    static final String REASON_HEADER = io.streamscale.ingest.dlq.DeadLetters.REASON;

    private final Topics topics;
    private final WatchTable table;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private final List<EndpointSignals> signals = new ArrayList<>();
    private final List<EndpointSignals> modelSignals = new ArrayList<>();
    private final List<ScalingDecision> decisions = new ArrayList<>();
    private final List<ScalingAction> actions = new ArrayList<>();
    private final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
    private volatile long requestLogs;

    OutputCollector(final String bootstrapServers, final Topics topics, final WatchTable table) {
        this.topics = topics;
        this.table = table;
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(topics.requestLogs().name(), topics.signals().name(), topics.modelSignals().name(),
                topics.decisions().name(), topics.actions().name(), topics.capacity().name(), topics.deadLetters().name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "demo-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                take(record);
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private synchronized void take(final ConsumerRecord<byte[], byte[]> record) {
        final String topic = record.topic();
        if (topic.equals(topics.deadLetters().name())) {
            final Header reason = record.headers().lastHeader(REASON_HEADER);
            deadLetters.merge(reason == null ? "UNKNOWN" : new String(reason.value(), StandardCharsets.UTF_8), 1L, Long::sum);
        } else if (topic.equals(topics.requestLogs().name())) {
            requestLogs++;
        } else if (topic.equals(topics.signals().name())) {
            final EndpointSignals s = topics.signals().valueSerde().deserializer().deserialize(topic, record.value());
            signals.add(s);
            table.onSignals(s);
        } else if (topic.equals(topics.modelSignals().name())) {
            modelSignals.add(topics.modelSignals().valueSerde().deserializer().deserialize(topic, record.value()));
        } else if (topic.equals(topics.decisions().name())) {
            final ScalingDecision d = topics.decisions().valueSerde().deserializer().deserialize(topic, record.value());
            decisions.add(d);
            table.onDecision(d);
        } else if (topic.equals(topics.actions().name())) {
            final ScalingAction a = topics.actions().valueSerde().deserializer().deserialize(topic, record.value());
            actions.add(a);
            table.onAction(a);
        } else if (topic.equals(topics.capacity().name()) && record.value() != null) {
            final CapacityState c = topics.capacity().valueSerde().deserializer().deserialize(topic, record.value());
            table.onCapacity(c);
        }
    }

    synchronized long requestLogs() {
        return requestLogs;
    }

    synchronized List<EndpointSignals> signals() {
        return List.copyOf(signals);
    }

    synchronized List<EndpointSignals> modelSignals() {
        return List.copyOf(modelSignals);
    }

    synchronized List<ScalingDecision> decisions() {
        return List.copyOf(decisions);
    }

    synchronized List<ScalingAction> actions() {
        return List.copyOf(actions);
    }

    synchronized Map<String, Long> deadLetters() {
        return new TreeMap<>(deadLetters);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
