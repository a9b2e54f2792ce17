package io.streamscale.ingest.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.ingest.RunningIngest;
import io.streamscale.ingest.dlq.DeadLetters;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.SchemaRegistries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-input corpus, mixed with valid records of every accepted shape, through the real broker:
 * every valid record arrives once on inference-logs, every bad one once on the DLQ with its reason,
 * byte for byte, and ingest is still running afterwards.
 */
class CorpusIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    private static final String CORPUS_KIND = "corpus.kind";

    @Test
    void everyRecordEndsUpOnceOnTheRightTopicAndIngestKeepsRunning() throws Exception {
        try (RunningIngest ingest = new RunningIngest(KAFKA, IngestConfig.DEFAULTS, 3)) {
            final long now = System.currentTimeMillis();
            final Corpus corpus = new Corpus(SchemaRegistries.forUrl(KAFKA.schemaRegistryUrl()), ingest.topics().rawRequestLogs().name());
            final List<Corpus.Entry> bad = corpus.load("corpus/bad-inputs.jsonl", now, "bad");
            final List<Corpus.Entry> good = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                good.addAll(corpus.load("corpus/good-inputs.jsonl", now + round, "good" + round));
            }
            final List<Corpus.Entry> mixed = new ArrayList<>(bad);
            mixed.addAll(good);
            Collections.shuffle(mixed, new Random(6));

            final String rawTopic = ingest.topics().rawRequestLogs().name();
            ingest.publish(mixed.stream().map(entry -> record(rawTopic, entry)).toList());

            final List<ConsumerRecord<byte[], byte[]>> accepted = ingest.readUntil(ingest.topics().requestLogs().name(),
                    read -> read.size() >= good.size());
            final List<ConsumerRecord<byte[], byte[]>> dead = ingest.readUntil(ingest.topics().deadLetters().name(),
                    read -> read.size() >= bad.size());

            // Valid: each exactly once, keyed endpoint/variant, whatever shape or key it came with.
            final var deserializer = ingest.topics().requestLogs().valueSerde().deserializer();
            final List<RequestLog> logs = accepted.stream().map(r -> deserializer.deserialize(r.topic(), r.value())).toList();
            assertThat(logs).hasSize(good.size());
            assertThat(logs).extracting(log -> log.getRequestId().replace("-é✓", ""))
                    .containsExactlyInAnyOrderElementsOf(good.stream().map(Corpus.Entry::requestId).toList());
            assertThat(accepted).allSatisfy(r -> {
                final RequestLog log = deserializer.deserialize(r.topic(), r.value());
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(log.getEndpoint() + "/" + log.getVariant());
            });

            // Bad: each exactly once, byte for byte, with its reason and its origin.
            assertThat(dead).hasSize(bad.size());
            final Map<String, ConsumerRecord<byte[], byte[]>> deadByKind = dead.stream().collect(Collectors.toMap(
                    r -> DeadLetters.header(r.headers(), CORPUS_KIND), Function.identity()));
            for (final Corpus.Entry entry : bad) {
                final ConsumerRecord<byte[], byte[]> letter = deadByKind.get(entry.kind());
                assertThat(letter).as(entry.kind()).isNotNull();
                assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON)).as(entry.kind()).isEqualTo(entry.expect());
                assertThat(letter.value()).as(entry.kind()).isEqualTo(entry.value());
                assertThat(letter.key()).as(entry.kind()).isEqualTo(entry.key());
                assertThat(DeadLetters.header(letter.headers(), DeadLetters.MESSAGE)).as(entry.kind()).isNotBlank();
                assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(ingest.topics().rawRequestLogs().name());
                assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_PARTITION)).matches("[0-2]");
                assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_OFFSET)).matches("\\d+");
            }

            // Counted by reason, and still running.
            final Map<String, Long> expectedCounts = bad.stream().collect(Collectors.groupingBy(Corpus.Entry::expect, Collectors.counting()));
            assertThat(ingest.counts().rejectedByReason()).hasSize(expectedCounts.size());
            expectedCounts.forEach((reason, n) -> assertThat(ingest.counts().rejected(ReasonCode.valueOf(reason))).as(reason).isEqualTo(n));
            assertThat(ingest.counts().accepted()).isEqualTo(good.size());
            assertThat(streamsMetricSum(ingest.streams(), "rejected-total")).isEqualTo(bad.size());
            assertThat(streamsMetricSum(ingest.streams(), "accepted-total")).isEqualTo(good.size());
            assertThat(ingest.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    /** A Streams metric of ingest summed over threads and reasons. */
    private static double streamsMetricSum(final KafkaStreams streams, final String name) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-ingest-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    private static ProducerRecord<byte[], byte[]> record(final String topic, final Corpus.Entry entry) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(CORPUS_KIND, entry.kind().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, entry.key(), entry.value(), headers);
    }
}
