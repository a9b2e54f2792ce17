package io.streamscale.ingest.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.normalise.RequestLogNormaliser;
import io.streamscale.ingest.normalise.Verdict;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import io.streamscale.schemas.serde.SpecificAvroDeserializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus judged without a broker: what CorpusIT then proves end to end. */
class CorpusTest {

    private final long now = System.currentTimeMillis();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mock://corpus-test");
    private final Corpus corpus = new Corpus(registry, "inference-logs.raw");
    private final RequestLogNormaliser normaliser = new RequestLogNormaliser(IngestConfig.DEFAULTS,
            new SpecificAvroDeserializer<>(RequestLog.getClassSchema(), registry));

    private String verdict(final Corpus.Entry entry) {
        final Verdict verdict = normaliser.normalise(entry.value(), now, "fallback");
        return verdict instanceof Verdict.Rejected rejected ? rejected.reason().name() : "ACCEPTED";
    }

    @Test
    void badInputsCoverAtLeastTwentyFiveDistinctKindsEachWithItsReason() {
        final List<Corpus.Entry> bad = corpus.load("corpus/bad-inputs.jsonl", now, "bad");

        assertThat(bad).extracting(Corpus.Entry::kind).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(25);
        assertThat(bad).allSatisfy(entry -> assertThat(verdict(entry)).as(entry.kind()).isEqualTo(entry.expect()));
    }

    @Test
    void goodInputsInEveryShapeAreAccepted() {
        final List<Corpus.Entry> good = corpus.load("corpus/good-inputs.jsonl", now, "good");

        assertThat(good).allSatisfy(entry -> assertThat(verdict(entry)).as(entry.kind()).isEqualTo("ACCEPTED"));
    }

    @Test
    void placeholdersExpand() {
        assertThat(Corpus.expand("${NOW}|${NOW_S}|${NOW_US}|${PAD_3}|${NEST_2}|${ID}", 5_000, "i")).isEqualTo("5000|5|5000000|xxx|[[]]|i");
    }
}
