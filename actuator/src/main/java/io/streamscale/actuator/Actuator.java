package io.streamscale.actuator;

import io.streamscale.actuator.aws.AwsClients;
import io.streamscale.actuator.aws.ScalableTargets;
import io.streamscale.actuator.aws.SageMakerEndpoints;
import io.streamscale.actuator.aws.SignalMetrics;
import io.streamscale.actuator.rules.EndpointStatuses;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.Outcome;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actuator service: reads {@code scaling-decisions}, applies each decision through AWS at most
 * once (see {@link DecisionApplier}) and records exactly one outcome per decision on
 * {@code scaling-actions}, with what it observed and ordered on {@code endpoint-capacity}. Each
 * outcome is committed in one Kafka transaction with the consumer offset of its decision
 * ({@code sendOffsetsToTransaction} with the group metadata, so a fenced zombie cannot commit).
 *
 * <pre>{@code
 * try (Actuator actuator = Actuator.start(ActuatorConfig.builder(bootstrap, registryUrl).build())) {
 *     ... // dry-run by default
 * }
 * }</pre>
 */
public final class Actuator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Actuator.class);
    /** Decisions are rare; a small batch still lets a backlog's superseded decisions be skipped. */
    private static final int MAX_POLL_RECORDS = 20;

    private final ActuatorConfig config;
    private final Topics topics;
    private final AwsClients aws;
    private final boolean ownsAws;
    private final CrashPoint crashPoint;
    private final Clock clock;
    private final EndpointLedger ledger = new EndpointLedger();
    private final CapacityWatch watch;
    private final Map<Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private Actuator(final ActuatorConfig config, final AwsClients aws, final boolean ownsAws,
            final CrashPoint crashPoint, final Clock clock) {
        this.config = config;
        this.topics = new Topics(config.topicPrefix(), Map.of("schema.registry.url", config.schemaRegistryUrl()));
        this.aws = aws;
        this.ownsAws = ownsAws;
        this.crashPoint = crashPoint;
        this.clock = clock;
        this.watch = new CapacityWatch(config.followUpInterval(), config.followUpMaxWait(),
                config.capacityRefreshInterval());
        this.thread = new Thread(this::run, "streamscale-actuator");
    }

    /**
     * Starts the actuator on its own thread; credentials from the SDK's default provider chain.
     *
     * @throws IllegalStateException when not in dry-run and the chain finds no credentials
     */
    public static Actuator start(final ActuatorConfig config) {
        final AwsClients aws = AwsClients.create(config);
        if (!config.dryRun()) {
            try {
                aws.requireCredentials();
            } catch (final IllegalStateException e) {
                aws.close();
                throw e;
            }
        }
        return begin(new Actuator(config, aws, true, CrashPoint.NONE, Clock.systemUTC()));
    }

    /** Starts with given AWS clients (which the caller closes); for tests against a local AWS server. */
    public static Actuator start(final ActuatorConfig config, final AwsClients aws) {
        return begin(new Actuator(config, aws, false, CrashPoint.NONE, Clock.systemUTC()));
    }

    static Actuator start(final ActuatorConfig config, final AwsClients aws, final CrashPoint crashPoint) {
        return begin(new Actuator(config, aws, false, crashPoint, Clock.systemUTC()));
    }

    private static Actuator begin(final Actuator actuator) {
        LOG.info("starting actuator: {}", actuator.config);
        actuator.thread.start();
        return actuator;
    }

    public ActuatorConfig config() {
        return config;
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Why the loop stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Outcomes committed so far by this instance, by kind. */
    public Map<Outcome, Long> outcomeCounts() {
        final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        outcomes.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** Time spent in AWS calls so far, per operation (dry runs make none). */
    public io.streamscale.actuator.aws.AwsCallTimings awsCallTimings() {
        return aws.callTimings();
    }

    /** Whether the consumer has had its first partitions (and the ledger is restored). */
    public boolean isAssigned() {
        return assigned.getCount() == 0;
    }

    /** Waits until the consumer has its first partitions (and the ledger is restored). */
    public boolean awaitAssignment(final Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks until the loop ends (after {@link #close()} or a failure). */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    /** Stops polling, finishes or abandons the decision in hand (uncommitted: replayed later), closes clients. */
    @Override
    public void close() {
        running = false;
        final KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            if (!stopped.await(config.pollTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                thread.interrupt();
                stopped.await(30, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsAws) {
            aws.close();
        }
    }

    private void run() {
        final DecisionApplier applier = new DecisionApplier(config, new SageMakerEndpoints(aws),
                new ScalableTargets(aws), ledger, clock);
        final SignalMetrics metrics = new SignalMetrics(aws, config.metricsNamespace(), config.metricsBatchSize());
        final CapacityFollowUp followUp = new CapacityFollowUp(new SageMakerEndpoints(aws), ledger, watch, clock);
        final LedgerRestorer restorer = new LedgerRestorer(consumerProps(), topics.capacity());
        try (KafkaConsumer<String, byte[]> decisions = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer = decisions;
            producer.initTransactions();
            decisions.subscribe(List.of(topics.decisions().name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    // Every outcome is committed before the next poll, so nothing is in flight here.
                    watch.revoked(partitions);
                }

                @Override
                public void onPartitionsLost(final Collection<TopicPartition> partitions) {
                    watch.revoked(partitions);
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    restorer.restoreInto(ledger);
                    ownRestoredVariants(decisions, partitions);
                    assigned.countDown();
                }
            });
            while (running) {
                final ConsumerRecords<String, byte[]> records = decisions.poll(config.pollTimeout());
                process(records, decisions, producer, applier, metrics);
                if (!config.dryRun()) {
                    publishFeedback(producer, followUp);
                }
                if (config.cloudWatchEnabled() && !config.dryRun()) {
                    metrics.flush();
                }
            }
        } catch (final WakeupException e) {
            if (running) {
                failure.set(e);
            }
        } catch (final InterruptedException e) {
            LOG.info("actuator interrupted; the decision in hand was not committed and will be replayed");
        } catch (final RuntimeException | Error e) {
            failure.set(e);
            LOG.error("actuator stopped: {}", e.toString());
        } finally {
            stopped.countDown();
        }
    }

    private void process(final ConsumerRecords<String, byte[]> records, final KafkaConsumer<String, byte[]> decisions,
            final KafkaProducer<String, byte[]> producer, final DecisionApplier applier, final SignalMetrics metrics)
            throws InterruptedException {
        final List<Decoded> batch = new ArrayList<>();
        for (final ConsumerRecord<String, byte[]> record : records) {
            batch.add(decode(record));
        }
        final Map<String, List<Instant>> decidedAtByKey = new HashMap<>();
        batch.stream().filter(d -> d.decision != null).forEach(d -> decidedAtByKey
                .computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d.decision.getDecidedAt()));
        for (final Decoded item : batch) {
            if (!running) {
                return;
            }
            final TopicPartition partition = new TopicPartition(item.record.topic(), item.record.partition());
            final Map<TopicPartition, OffsetAndMetadata> offset = Map.of(partition,
                    new OffsetAndMetadata(item.record.offset() + 1));
            if (item.decision == null) {
                // Undecodable: logged loudly in decode(); its offset moves on in a transaction of its own.
                producer.beginTransaction();
                producer.sendOffsetsToTransaction(offset, decisions.groupMetadata());
                producer.commitTransaction();
                continue;
            }
            // AWS first (it may wait for an Updating endpoint), then one short transaction for the
            // outcome, the capacity and the offset. A crash in between replays the decision, and the
            // applier's reconciliation with the endpoint's desired count turns the replay into no call.
            final DecisionResult result = applier.handle(item.decision,
                    decidedAtByKey.getOrDefault(item.key(), List.of()));
            crashPoint.afterAwsCall(item.decision);
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.actions().name(), item.record.key(),
                    topics.actions().valueSerde().serializer().serialize(topics.actions().name(), result.action())));
            if (result.capacity() != null) {
                producer.send(new ProducerRecord<>(topics.capacity().name(), item.key(),
                        topics.capacity().valueSerde().serializer().serialize(topics.capacity().name(), result.capacity())));
            }
            producer.sendOffsetsToTransaction(offset, decisions.groupMetadata());
            producer.commitTransaction();
            applier.committed(item.decision, result);
            watchAfter(item, partition, result);
            outcomes.computeIfAbsent(result.action().getOutcome(), k -> new AtomicLong()).incrementAndGet();
            if (result.action().getOutcome() == Outcome.APPLIED && config.cloudWatchEnabled()) {
                metrics.add(item.decision.getEndpoint(), item.decision.getVariant(), item.decision.getDecidedAt(),
                        item.decision.getSignals(), result.action().getTo());
            }
        }
    }

    /**
     * Keeps an eye on the variant after its decision is committed: a change in progress (or a call
     * whose effect is unknown after FAILED) is followed up until SageMaker reports it settled.
     */
    private void watchAfter(final Decoded item, final TopicPartition partition, final DecisionResult result) {
        if (config.dryRun() || item.decision.getDryRun()) {
            // A dry run reports the count as if ordered; describing the real endpoint would undo that.
            watch.disown(item.key());
            return;
        }
        watch.own(item.key(), partition);
        final CapacityState capacity = result.capacity();
        final boolean unsettled = capacity != null && (EndpointStatuses.inProgress(capacity.getStatus())
                || capacity.getCurrentCapacity() != capacity.getDesiredCapacity());
        if (unsettled || result.action().getOutcome() == Outcome.FAILED) {
            watch.follow(item.key(), clock.instant());
        }
    }

    /** Capacity feedback outside any decision: its own short transaction, no consumer offsets in it. */
    private void publishFeedback(final KafkaProducer<String, byte[]> producer, final CapacityFollowUp followUp)
            throws InterruptedException {
        final List<CapacityState> states = followUp.run();
        if (states.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        for (final CapacityState state : states) {
            producer.send(new ProducerRecord<>(topics.capacity().name(), key(state),
                    topics.capacity().valueSerde().serializer().serialize(topics.capacity().name(), state)));
        }
        producer.commitTransaction();
        states.forEach(state -> ledger.published(key(state), state));
    }

    /**
     * After a restart the variants known from {@code endpoint-capacity} are refreshed too, by the
     * instance that owns their decisions' partition (the producer's default partitioner: murmur2 of
     * the key, as the decision topology writes them).
     */
    private void ownRestoredVariants(final KafkaConsumer<String, byte[]> decisions,
            final Collection<TopicPartition> partitions) {
        if (config.dryRun() || partitions.isEmpty()) {
            return;
        }
        final int count;
        try {
            count = decisions.partitionsFor(topics.decisions().name()).size();
        } catch (final KafkaException e) {
            // Refreshes then start with the variants' next decisions; nothing else depends on this.
            LOG.warn("could not map restored variants to partitions: {}", e.toString());
            return;
        }
        for (final String key : ledger.keys()) {
            final TopicPartition partition = new TopicPartition(topics.decisions().name(),
                    Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count);
            if (partitions.contains(partition)) {
                watch.own(key, partition);
            }
        }
    }

    private static String key(final CapacityState state) {
        return EndpointKey.of(state.getEndpoint(), state.getVariant());
    }

    private Decoded decode(final ConsumerRecord<String, byte[]> record) {
        try {
            final ScalingDecision decision = topics.decisions().valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            return new Decoded(record, decision);
        } catch (final RuntimeException e) {
            LOG.error("undecodable decision at {}-{} offset {} skipped: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return new Decoded(record, null);
        }
    }

    private Map<String, Object> consumerProps() {
        final Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        // Each decision of a batch may wait for an Updating endpoint and the per-endpoint rate limit:
        // the poll interval must outlast the whole batch, or the group would evict a working instance.
        final long perDecisionMs = config.inProgressMaxWait().toMillis() + config.endpointMinInterval().toMillis() + 60_000L;
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(
                Math.max(300_000L, MAX_POLL_RECORDS * perDecisionMs)));
        return props;
    }

    private Map<String, Object> producerProps() {
        final Map<String, Object> props = new HashMap<>(config.kafkaOverrides());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, ScalingDecision decision) {
        String key() {
            return decision == null ? record.key() : EndpointKey.of(decision.getEndpoint(), decision.getVariant());
        }
    }
}
