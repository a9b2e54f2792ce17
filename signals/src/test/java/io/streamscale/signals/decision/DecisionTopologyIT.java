package io.streamscale.signals.decision;

import static io.streamscale.signals.decision.Fixtures.p95Target;
import static io.streamscale.signals.decision.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The decision topology on the real in-process broker with exactly-once v2: a policy and a sustained
 * latency breach in, one decision out, keyed endpoint/variant, with its reason.
 */
class DecisionTopologyIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String KEY = "fraud-model/AllTraffic";

    @Test
    void signalsAndAPolicyInADecisionWithItsReasonOut() throws Exception {
        final Topics topics = KAFKA.stack().createTopics(EmbeddedStackExtension.uniquePrefix(), 2);
        // Windows an hour old, epoch-aligned, so the broker's retention never touches them.
        final long base = (System.currentTimeMillis() / 10_000) * 10_000 - 3_600_000;
        final ScalingPolicy policy = policy().setTargetTracking(List.of(p95Target(300))).build();

        try (KafkaStreams streams = new KafkaStreams(DecisionTopology.build(topics),
                KAFKA.streamsProps("decisions-" + UUID.randomUUID()));
                KafkaProducer<String, ScalingPolicy> policies = new KafkaProducer<>(KAFKA.producerProps(),
                        topics.policies().keySerde().serializer(), topics.policies().valueSerde().serializer());
                KafkaProducer<String, EndpointSignals> signals = new KafkaProducer<>(KAFKA.producerProps(),
                        topics.signals().keySerde().serializer(), topics.signals().valueSerde().serializer());
                KafkaConsumer<String, ScalingDecision> decisions = new KafkaConsumer<>(KAFKA.consumerProps(),
                        topics.decisions().keySerde().deserializer(), topics.decisions().valueSerde().deserializer())) {
            streams.start();
            decisions.subscribe(List.of(topics.decisions().name()));
            policies.send(new ProducerRecord<>(topics.policies().name(), null, base, KEY, policy)).get();

            // Keep closing windows of 412 ms at 4 instances until the decision comes: the policy may
            // reach the task a little after the first windows, and the breach must then hold 30 s.
            final List<ConsumerRecord<String, ScalingDecision>> seen = new ArrayList<>();
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            long end = base;
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                end += 10_000;
                final EndpointSignals window = shifted(Fixtures.busy(10, 4, 40, 412), end);
                signals.send(new ProducerRecord<>(topics.signals().name(), null, end, KEY, window)).get();
                decisions.poll(Duration.ofMillis(300)).forEach(seen::add);
            }
            // A short extra look: exactly once means no second copy and no stacked scale-out.
            final long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settle) {
                decisions.poll(Duration.ofMillis(100)).forEach(seen::add);
            }

            assertThat(seen).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(KEY);
                final ScalingDecision d = record.value();
                assertThat(d.getReason()).isEqualTo("p95 412 ms > 300 ms for 30 s; target tracking 4→6");
                assertThat(d.getFrom()).isEqualTo(4);
                assertThat(d.getTo()).isEqualTo(6);
                assertThat(record.timestamp()).isEqualTo(d.getDecidedAt().toEpochMilli());
                assertThat(d.getDecisionId()).isNotBlank();
            });
        }
    }

    private static EndpointSignals shifted(final EndpointSignals window, final long endMs) {
        return EndpointSignals.newBuilder(window).setWindowStart(Instant.ofEpochMilli(endMs - 10_000))
                .setWindowEnd(Instant.ofEpochMilli(endMs)).build();
    }
}
