package io.streamscale.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.normalise.RequestLogNormaliser;
import io.streamscale.ingest.normalise.RequestLogValidator;
import io.streamscale.ingest.normalise.Verdict;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import io.streamscale.schemas.serde.SpecificAvroDeserializer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs against the normaliser alone (bounded: 20,000 inputs or 20 seconds): it
 * never throws, always gives a reason and a message, judges the same bytes the same way, and
 * everything it accepts passes every rule.
 */
class NormaliserFuzzTest {

    private static final int MAX_INPUTS = 20_000;
    private static final long MAX_NANOS = 20_000_000_000L;

    @Test
    void everyInputGetsOneVerdictAndAcceptedOnesPassEveryRule() {
        final long now = System.currentTimeMillis();
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mock://fuzz");
        final RequestLogNormaliser normaliser = new RequestLogNormaliser(IngestConfig.DEFAULTS,
                new SpecificAvroDeserializer<>(RequestLog.getClassSchema(), registry));
        final RequestLogValidator validator = new RequestLogValidator(IngestConfig.DEFAULTS);
        final FuzzInputs inputs = new FuzzInputs(20261123L, registry, "inference-logs.raw", now);

        int accepted = 0;
        int rejected = 0;
        final long start = System.nanoTime();
        for (int i = 0; i < MAX_INPUTS && System.nanoTime() - start < MAX_NANOS; i++) {
            final byte[] input = inputs.nextValidOrMutated();
            final Verdict verdict;
            try {
                verdict = normaliser.normalise(input, now, "fuzz-" + i);
            } catch (RuntimeException | StackOverflowError e) {
                fail("input " + HexFormat.of().formatHex(input) + " threw", e);
                return;
            }
            assertThat(normaliser.normalise(input, now, "fuzz-" + i)).isEqualTo(verdict);
            if (verdict instanceof Verdict.Accepted ok) {
                accepted++;
                validator.validate(ok.log(), now);
            } else if (verdict instanceof Verdict.Rejected no) {
                rejected++;
                assertThat(no.reason()).isNotNull();
                assertThat(no.message()).isNotBlank();
            }
        }
        // The generator must reach both outcomes, or the test would prove little.
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }
}
