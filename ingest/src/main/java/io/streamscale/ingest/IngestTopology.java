package io.streamscale.ingest;

import io.streamscale.ingest.normalise.Verdict;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import io.streamscale.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Ingest: every raw request log becomes either one canonical RequestLog or one dead letter.
 *
 * <pre>
 * FROM inference-logs.raw (any key, JSON or Confluent-framed Avro)
 *   IF it decodes and passes every rule  → inference-logs      key endpoint/variant, Avro RequestLog
 *   ELSE                                 → inference-logs.dlq  key and value byte for byte, headers say why
 * </pre>
 *
 * Raw keys are ignored for routing: the canonical key comes from the record itself, so a producer
 * that does not key (or keys wrongly) still lands each endpoint variant in one partition. Run it with
 * {@link IngestService#streamsOverrides(Topics, DeadLetterCounts)}: exactly-once v2 and the exception
 * handlers that dead-letter what the topology itself cannot judge.
 */
public final class IngestTopology {

    private IngestTopology() {
    }

    public static Topology build(final Topics topics, final IngestConfig config, final DeadLetterCounts counts) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Topic<String, RequestLog> requestLogs = topics.requestLogs();

        // Raw bytes in: nothing can fail to deserialise here, and rejected records keep every byte.
        final KStream<byte[], byte[]> raw = builder.stream(topics.rawRequestLogs().name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ingest-read-raw"));

        // Decode and validate; the verdict travels with the untouched bytes.
        final KStream<byte[], Judged> judged = raw.processValues(
                () -> new NormaliseProcessor(config, () -> topics.requestLogs().valueSerde().deserializer(), counts),
                Named.as("ingest-normalise"));

        final Map<String, KStream<byte[], Judged>> branches = judged.split(Named.as("ingest-"))
                .branch((key, value) -> value.verdict().accepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));

        // Accepted: key by endpoint/variant (the only key downstream ever needs) and write Avro.
        branches.get("ingest-accepted")
                .map((key, value) -> {
                    final RequestLog log = ((Verdict.Accepted) value.verdict()).log();
                    return KeyValue.pair(EndpointKey.of(log.getEndpoint(), log.getVariant()), log);
                }, Named.as("ingest-key-by-endpoint"))
                .to(requestLogs.name(), Produced.with(requestLogs.keySerde(), requestLogs.valueSerde())
                        .withName("ingest-write-request-logs"));

        // Rejected: the producer's own key and value, byte for byte, with the dead-letter headers.
        branches.get("ingest-rejected")
                .mapValues(Judged::rawValue, Named.as("ingest-restore-raw-bytes"))
                .to(topics.deadLetters().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("ingest-write-dead-letters"));

        return builder.build();
    }
}
