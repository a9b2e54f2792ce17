package io.streamscale.cli.watch;

import io.streamscale.cli.KafkaOptions;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streamscale watch}: the live table, read from the topics of any cluster. It reads the
 * compacted capacity topic from the beginning and the last {@code --history} records of every
 * partition of the signals, decisions and actions topics, then follows them.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Live table of endpoints: rps, p95, queue depth, capacity and the last decision with its reason.")
public final class WatchCommand implements Callable<Integer> {

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--interval", defaultValue = "2s", description = "Redraw interval, e.g. 2s, 500ms (default ${DEFAULT-VALUE}).",
            converter = io.streamscale.cli.DurationConverter.class)
    private Duration interval;

    @Option(names = "--history", defaultValue = "500", description = "Records to read back per partition at start (default ${DEFAULT-VALUE}).")
    private int history;

    @Option(names = "--once", description = "Print the table once, after catching up, and exit.")
    private boolean once;

    @Option(names = "--width", defaultValue = "160", description = "Table width in characters (default ${DEFAULT-VALUE}).")
    private int width;

    @Override
    public Integer call() throws Exception {
        final Topics topics = kafka.topics();
        final WatchTable table = new WatchTable();
        final Properties props = kafka.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Map<String, Deserializer<? extends Object>> decoders = Map.of(
                topics.signals().name(), topics.signals().valueSerde().deserializer(),
                topics.decisions().name(), topics.decisions().valueSerde().deserializer(),
                topics.actions().name(), topics.actions().valueSerde().deserializer(),
                topics.capacity().name(), topics.capacity().valueSerde().deserializer());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : decoders.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            for (final TopicPartition partition : partitions) {
                final boolean compacted = partition.topic().equals(topics.capacity().name());
                consumer.seek(partition, compacted ? begins.get(partition) : Math.max(begins.get(partition), ends.get(partition) - history));
            }
            long nextDraw = 0;
            while (!Thread.currentThread().isInterrupted()) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        feed(table, decoders.get(record.topic()).deserialize(record.topic(), record.value()));
                    } catch (org.apache.kafka.common.errors.SerializationException e) {
                        System.err.println("Skipped an unreadable record at " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
                    }
                }
                final boolean caughtUp = partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                if (once && caughtUp) {
                    System.out.print(table.render(width));
                    return 0;
                }
                if (!once && System.currentTimeMillis() >= nextDraw) {
                    System.out.print("\033[H\033[2J" + table.render(width));
                    System.out.flush();
                    nextDraw = System.currentTimeMillis() + interval.toMillis();
                }
            }
        }
        return 0;
    }

    private static void feed(final WatchTable table, final Object value) {
        if (value instanceof io.streamscale.schemas.EndpointSignals s) {
            if (s.getTargetModel() == null) {
                table.onSignals(s);
            }
        } else if (value instanceof io.streamscale.schemas.ScalingDecision d) {
            table.onDecision(d);
        } else if (value instanceof io.streamscale.schemas.ScalingAction a) {
            table.onAction(a);
        } else if (value instanceof io.streamscale.schemas.CapacityState c) {
            table.onCapacity(c);
        }
    }
}
