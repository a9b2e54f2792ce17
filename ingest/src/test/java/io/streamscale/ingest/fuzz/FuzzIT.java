package io.streamscale.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.RunningIngest;
import io.streamscale.ingest.dlq.DeadLetters;
import io.streamscale.ingest.normalise.RequestLogNormaliser;
import io.streamscale.ingest.normalise.Verdict;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.SchemaRegistries;
import io.streamscale.schemas.serde.SpecificAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random bytes and mutated valid records (bounded: 1,500 inputs) through the real broker: every input
 * comes out exactly once, on inference-logs if the normaliser accepts it and byte for byte on the DLQ
 * with a reason if not, and ingest is still running afterwards.
 */
class FuzzIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    private static final int INPUTS = 1_500;
    private static final String SEQ = "fuzz.seq";

    @Test
    void everyFuzzedInputComesOutOnceOnTheTopicItsVerdictNames() throws Exception {
        try (RunningIngest ingest = new RunningIngest(KAFKA, IngestConfig.DEFAULTS, 3)) {
            final long now = System.currentTimeMillis();
            final String rawTopic = ingest.topics().rawRequestLogs().name();
            final var registry = SchemaRegistries.forUrl(KAFKA.schemaRegistryUrl());
            final FuzzInputs inputs = new FuzzInputs(6L, registry, rawTopic, now);
            final RequestLogNormaliser oracle = new RequestLogNormaliser(IngestConfig.DEFAULTS,
                    new SpecificAvroDeserializer<>(RequestLog.getClassSchema(), registry));

            final Map<String, byte[]> sent = new HashMap<>();
            final Map<String, String> expected = new HashMap<>();
            final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < INPUTS; i++) {
                final byte[] value = inputs.nextValidOrMutated();
                final String seq = Integer.toString(i);
                sent.put(seq, value);
                final Verdict verdict = oracle.normalise(value, now, "x");
                expected.put(seq, verdict instanceof Verdict.Rejected r ? r.reason().name() : "ACCEPTED");
                final RecordHeaders headers = new RecordHeaders();
                headers.add(SEQ, seq.getBytes(StandardCharsets.UTF_8));
                records.add(new ProducerRecord<>(rawTopic, null, ("k" + i % 7).getBytes(StandardCharsets.UTF_8), value, headers));
            }
            final long expectAccepted = expected.values().stream().filter("ACCEPTED"::equals).count();
            final long expectRejected = INPUTS - expectAccepted;

            ingest.publish(records);

            final List<ConsumerRecord<byte[], byte[]>> accepted = ingest.readUntil(ingest.topics().requestLogs().name(),
                    read -> read.size() >= expectAccepted);
            final List<ConsumerRecord<byte[], byte[]>> dead = ingest.readUntil(ingest.topics().deadLetters().name(),
                    read -> read.size() >= expectRejected);

            final Map<String, Integer> seen = new HashMap<>();
            for (final ConsumerRecord<byte[], byte[]> record : accepted) {
                final String seq = DeadLetters.header(record.headers(), SEQ);
                seen.merge(seq, 1, Integer::sum);
                assertThat(expected.get(seq)).as("input %s", seq).isEqualTo("ACCEPTED");
            }
            for (final ConsumerRecord<byte[], byte[]> record : dead) {
                final String seq = DeadLetters.header(record.headers(), SEQ);
                seen.merge(seq, 1, Integer::sum);
                assertThat(DeadLetters.header(record.headers(), DeadLetters.REASON)).as("input %s", seq).isEqualTo(expected.get(seq));
                assertThat(record.value()).as("input %s", seq).isEqualTo(sent.get(seq));
            }
            assertThat(seen).hasSize(INPUTS);
            assertThat(seen.values()).containsOnly(1);
            assertThat(expectAccepted).isPositive();
            assertThat(expectRejected).isPositive();
            assertThat(ingest.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }
}
