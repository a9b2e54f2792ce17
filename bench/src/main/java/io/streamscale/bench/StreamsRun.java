package io.streamscale.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Times a Kafka Streams application consuming the input topic from the beginning, exactly-once v2.
 *
 * <p>The end is read from outside the application, so any topology can be timed without a hook in
 * it: the group's committed offsets on the input topic. Under exactly-once those offsets are
 * committed in the same transaction as the application's output and state changelog, so a record
 * counts only once everything it caused is durable. The application starts paused; the clock starts
 * when it is resumed, once every partition is assigned and the group has settled, and stops when the
 * committed offsets reach the target. Start-up is reported separately.
 */
public final class StreamsRun {

    private static final Duration CHECK_EVERY = Duration.ofMillis(50);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(120);
    private static final Duration STABLE_FOR = Duration.ofSeconds(1);

    /**
     * How to run the applications.
     *
     * @param threads          {@code num.stream.threads}
     * @param commitIntervalMs {@code commit.interval.ms} (100 is the exactly-once default)
     * @param extra            any other Streams settings, applied last
     */
    public record Settings(String bootstrapServers, Map<String, Object> serdeConfig, int threads, long commitIntervalMs,
                           Map<String, String> extra) {
    }

    private StreamsRun() {
    }

    /**
     * Runs {@code topology} until it has committed {@code limit} records of {@code inputTopic} (or all,
     * if the topic holds fewer), then measures heap while it still runs, and closes it.
     */
    public static PhaseResult run(final String phase, final Topology topology, final Settings settings,
                                  final String inputTopic, final long limit) {
        return run(phase, topology, Map.of(), settings, inputTopic, limit);
    }

    /**
     * As {@link #run(String, Topology, Settings, String, long)}, with settings the topology itself asks
     * for (applied before the benchmark's own {@code --streams-config}, which wins).
     */
    public static PhaseResult run(final String phase, final Topology topology, final Map<String, ?> topologyOverrides,
                                  final Settings settings, final String inputTopic, final long limit) {
        final String applicationId = "bench-" + phase.replaceAll("[^a-zA-Z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
        final Path stateDir = tempDir();
        final Properties props = streamsProps(applicationId, settings, stateDir, topologyOverrides);
        final AtomicLong lastStateChange = new AtomicLong(System.nanoTime());
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.bootstrapServers()));
             HeapMeter heap = HeapMeter.start()) {
            final Map<TopicPartition, Long> endOffsets = endOffsets(admin, inputTopic);
            final long target = Math.min(limit, endOffsets.values().stream().mapToLong(Long::longValue).sum());

            final KafkaStreams streams = new KafkaStreams(topology, props);
            streams.setStateListener((next, previous) -> lastStateChange.set(System.nanoTime()));
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            final long created = System.nanoTime();
            try {
                // Start paused, let every thread join the group and take its partitions, then resume:
                // the clock sees processing only, not the rebalances of start-up.
                streams.pause();
                streams.start();
                awaitStableAssignment(streams, admin, applicationId, endOffsets.keySet(), lastStateChange, failure, phase);
                final long started = System.nanoTime();
                final long cpuStarted = PhaseResult.processCpuNanos();
                streams.resume();
                long committed = 0;
                long lastProgress = System.nanoTime();
                while (committed < target) {
                    sleep(CHECK_EVERY);
                    throwIfFailed(failure, phase);
                    final long now = committedRecords(admin, applicationId, endOffsets);
                    if (now > committed) {
                        committed = now;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                        throw new IllegalStateException(phase + " made no progress for " + STALL_LIMIT.toSeconds()
                                + " s at " + committed + " of " + target + " records (state " + streams.state() + ")");
                    }
                }
                final long finished = System.nanoTime();
                final long cpu = PhaseResult.processCpuNanos() - cpuStarted;
                final HeapMeter.Reading reading = heap.read();
                return new PhaseResult(phase, committed, finished - started, cpu, reading, String.format(
                        "timed from resume() to committed offsets >= %,d; start-up (paused) took %.1f s",
                        target, (started - created) / 1e9));
            } finally {
                streams.close(Duration.ofSeconds(30));
                streams.cleanUp();
                deleteQuietly(stateDir);
            }
        }
    }

    /**
     * Waits until the group coordinator reports the application's group Stable with every input
     * partition assigned, and the application's state has not changed for {@link #STABLE_FOR}: the
     * start-up rebalances are over. (The group is asked rather than the application's own metadata: a
     * paused application with state stays REBALANCING, since restoration is paused too.)
     */
    private static void awaitStableAssignment(final KafkaStreams streams, final Admin admin, final String groupId,
                                              final Set<TopicPartition> inputPartitions,
                                              final AtomicLong lastStateChange, final AtomicReference<Throwable> failure,
                                              final String phase) {
        final long deadline = System.nanoTime() + STALL_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            throwIfFailed(failure, phase);
            if (System.nanoTime() - lastStateChange.get() >= STABLE_FOR.toNanos()) {
                final ConsumerGroupDescription group = Preloader.await(admin.describeConsumerGroups(List.of(groupId))
                        .describedGroups().get(groupId), "describing group " + groupId);
                final Set<TopicPartition> assigned = new HashSet<>();
                group.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
                if (group.groupState() == GroupState.STABLE && assigned.containsAll(inputPartitions)) {
                    return;
                }
            }
            sleep(CHECK_EVERY);
        }
        throw new IllegalStateException(phase + " did not settle in " + STALL_LIMIT.toSeconds()
                + " s (state " + streams.state() + ")");
    }

    private static void throwIfFailed(final AtomicReference<Throwable> failure, final String phase) {
        if (failure.get() != null) {
            throw new IllegalStateException(phase + " failed: " + failure.get(), failure.get());
        }
    }

    /** Exactly-once v2 against the given broker, a fresh state directory, earliest offsets. */
    static Properties streamsProps(final String applicationId, final Settings settings, final Path stateDir,
                                   final Map<String, ?> topologyOverrides) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(settings.serdeConfig());
        props.putAll(topologyOverrides);
        props.putAll(settings.extra());
        return props;
    }

    private static Map<TopicPartition, Long> endOffsets(final Admin admin, final String topic) {
        final List<TopicPartition> partitions = Preloader.await(admin.describeTopics(List.of(topic)).allTopicNames(),
                "describing " + topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return Preloader.await(admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all(), "listing end offsets of " + topic)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long committedRecords(final Admin admin, final String groupId, final Map<TopicPartition, Long> endOffsets) {
        final Map<TopicPartition, OffsetAndMetadata> committed = Preloader.await(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "reading offsets of " + groupId);
        long sum = 0;
        for (final TopicPartition partition : endOffsets.keySet()) {
            final OffsetAndMetadata offset = committed.get(partition);
            sum += offset == null ? 0 : offset.offset();
        }
        return sum;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("streamscale-bench");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a state directory: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Streams application", e);
        }
    }
}
