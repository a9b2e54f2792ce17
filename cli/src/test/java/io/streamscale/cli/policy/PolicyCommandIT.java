package io.streamscale.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.StreamScaleCommand;
import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import io.streamscale.signals.policy.PolicyDocuments;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code streamscale policy put/get/delete} against a real broker and schema registry. */
class PolicyCommandIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @TempDir
    Path dir;

    private String prefix;
    private Topics topics;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void createTopics() {
        prefix = EmbeddedStackExtension.uniquePrefix();
        topics = KAFKA.stack().createTopics(prefix, 2);
    }

    private int run(final String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", KAFKA.schemaRegistryUrl(),
                "--topic-prefix", prefix));
        final CommandLine cli = StreamScaleCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    private Path file(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Every record on the policies topic, decoded with the project's Avro serde. */
    private List<ConsumerRecord<String, ScalingPolicy>> records() {
        try (KafkaConsumer<String, ScalingPolicy> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                topics.policies().keySerde().deserializer(), topics.policies().valueSerde().deserializer())) {
            final List<TopicPartition> partitions = List.of(new TopicPartition(topics.policies().name(), 0),
                    new TopicPartition(topics.policies().name(), 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final List<ConsumerRecord<String, ScalingPolicy>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static final String TWO_POLICIES = """
            [
              {"endpoint": "fraud-model", "minCapacity": 2, "maxCapacity": 20,
               "targetTracking": [{"TargetValue": 300, "CustomizedMetricSpecification": {"MetricName": "p95LatencyMs"}}]},
              {"endpoint": "llm-chat", "variant": "canary", "minCapacity": 1, "maxCapacity": 4}
            ]
            """;

    @Test
    void putWritesEachPolicyKeyedByEndpointVariantInAvro() throws IOException {
        assertThat(run("policy", "put", file("policies.json", TWO_POLICIES).toString())).isZero();

        assertThat(out.toString()).contains("put fraud-model/AllTraffic on " + topics.policies().name())
                .contains("put llm-chat/canary on " + topics.policies().name());
        final List<ConsumerRecord<String, ScalingPolicy>> records = records();
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("fraud-model/AllTraffic", "llm-chat/canary");
        final ScalingPolicy fraud = records.stream().filter(r -> r.key().equals("fraud-model/AllTraffic")).findFirst().orElseThrow().value();
        assertThat(fraud.getMaxCapacity()).isEqualTo(20);
        assertThat(fraud.getTargetTracking()).singleElement().satisfies(rule -> assertThat(rule.getMetric()).isEqualTo("p95LatencyMs"));
        assertThat(fraud.getUpdatedAt().toEpochMilli()).isPositive();
    }

    @Test
    void getPrintsThePolicyInForceAsADocumentPutTakesBack() throws IOException {
        run("policy", "put", file("policies.json", TWO_POLICIES).toString());
        run("policy", "put", file("raised.json", """
                {"endpoint": "fraud-model", "minCapacity": 2, "maxCapacity": 30,
                 "targetTracking": [{"TargetValue": 250, "CustomizedMetricSpecification": {"MetricName": "p95LatencyMs"}}]}
                """).toString());

        assertThat(run("policy", "get", "fraud-model")).isZero();

        final ScalingPolicy printed = PolicyDocuments.parse(out.toString());
        assertThat(printed.getMaxCapacity()).isEqualTo(30);
        assertThat(printed.getTargetTracking()).singleElement().satisfies(rule -> assertThat(rule.getTargetValue()).isEqualTo(250.0));
        // What get prints is what is on the topic, updatedAt included.
        final ScalingPolicy onTopic = records().stream().filter(r -> r.key().equals("fraud-model/AllTraffic"))
                .reduce((a, b) -> b).orElseThrow().value();
        assertThat(printed).isEqualTo(onTopic);
    }

    @Test
    void getWithoutAnEndpointPrintsEveryPolicyAsAnArray() throws IOException {
        run("policy", "put", file("policies.json", TWO_POLICIES).toString());

        assertThat(run("policy", "get")).isZero();

        assertThat(PolicyDocuments.parseAll(out.toString())).extracting(p -> p.getEndpoint() + "/" + p.getVariant())
                .containsExactly("fraud-model/AllTraffic", "llm-chat/canary");
    }

    @Test
    void deleteRemovesAPolicyFromWhatGetSees() throws IOException {
        run("policy", "put", file("policies.json", TWO_POLICIES).toString());

        assertThat(run("policy", "delete", "llm-chat/canary")).isZero();
        assertThat(out.toString()).contains("deleted llm-chat/canary");

        assertThat(run("policy", "get", "llm-chat/canary")).isEqualTo(PolicyCommand.INVALID);
        assertThat(err.toString()).contains("no policy for llm-chat/canary").contains("fraud-model/AllTraffic");
        assertThat(run("policy", "get")).isZero();
        assertThat(PolicyDocuments.parseAll(out.toString())).extracting(ScalingPolicy::getEndpoint).containsExactly("fraud-model");
    }

    @Test
    void putWritesNothingWhenAnyDocumentIsInvalid() throws IOException {
        final Path mixed = file("mixed.json", """
                [{"endpoint": "fraud-model", "minCapacity": 2, "maxCapacity": 20},
                 {"endpoint": "llm-chat", "minCapacity": 9, "maxCapacity": 4}]
                """);

        assertThat(run("policy", "put", mixed.toString())).isEqualTo(PolicyCommand.INVALID);

        assertThat(err.toString()).contains(mixed + ": [1].maxCapacity: must be at least minCapacity (9), not 4");
        assertThat(records()).isEmpty();
    }
}
