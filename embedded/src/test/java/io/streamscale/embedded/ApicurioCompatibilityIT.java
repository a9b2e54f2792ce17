package io.streamscale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.registry.RestSchemaRegistry;
import io.streamscale.schemas.registry.SchemaRegistryException;
import io.streamscale.schemas.serde.AvroSerdeConfig;
import io.streamscale.schemas.serde.SpecificAvroDeserializer;
import io.streamscale.schemas.serde.SpecificAvroSerializer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our registry client and serdes against a Confluent-API registry that nobody here wrote: Apicurio
 * Registry 3.0.9's {@code /apis/ccompat/v7}, run as its own process from the tar.gz on Maven
 * Central (unpacked by the build into target/). Each test states one thing Confluent's API
 * promises and checks that our code gets it from Apicurio too.
 *
 * <p>Skipped, with the reason, when the tar.gz was not unpacked or the registry cannot start here.
 */
class ApicurioCompatibilityIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final StringBuilder WHY_NOT_RUNNING = new StringBuilder();
    private static ApicurioRegistryProcess apicurio;
    private static String url;

    @BeforeAll
    static void startApicurio() {
        final String jar = System.getProperty("apicurio.runner.jar", "target/apicurio-registry/apicurio-registry-app-3.0.9-runner.jar");
        apicurio = ApicurioRegistryProcess.start(Path.of(jar), WHY_NOT_RUNNING).orElse(null);
        if (apicurio == null) {
            System.err.println("ApicurioCompatibilityIT SKIPPED: " + WHY_NOT_RUNNING);
        } else {
            url = apicurio.ccompatUrl();
        }
    }

    /** Per test rather than in @BeforeAll, so every test is reported skipped, with the reason. */
    @BeforeEach
    void requireApicurio() {
        Assumptions.assumeTrue(apicurio != null, () -> "Apicurio Registry cannot run here: " + WHY_NOT_RUNNING);
    }

    @AfterAll
    static void stopApicurio() {
        if (apicurio != null) {
            apicurio.close();
        }
    }

    @Test
    void registeringTwiceGivesTheSameIdAndOneVersion() throws IOException, InterruptedException {
        final String subject = uniqueSubject();

        final int first = new RestSchemaRegistry(url).register(subject, RequestLog.getClassSchema());
        // A second client has no cache: the registry itself must answer with the same id.
        final int second = new RestSchemaRegistry(url).register(subject, RequestLog.getClassSchema());

        assertThat(second).isEqualTo(first);
        assertThat(get("/subjects/" + subject + "/versions")).containsExactly(JSON.readTree("1"));
    }

    @Test
    void aSchemaFetchedByIdIsTheOneRegistered() {
        final int id = new RestSchemaRegistry(url).register(uniqueSubject(), RequestLog.getClassSchema());

        assertThat(new RestSchemaRegistry(url).schemaById(id)).isEqualTo(RequestLog.getClassSchema());
    }

    @Test
    void lookupFindsTheRegisteredIdAndNamesWhatIsMissingWithConfluentsCodes() {
        final String subject = uniqueSubject();
        final int id = new RestSchemaRegistry(url).register(subject, RequestLog.getClassSchema());
        final RestSchemaRegistry client = new RestSchemaRegistry(url);

        assertThat(client.idOf(subject, RequestLog.getClassSchema())).isEqualTo(id);
        assertThatThrownBy(() -> client.idOf(subject, otherSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> client.idOf(uniqueSubject(), RequestLog.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }

    @Test
    void anUnknownIdIsError40403() {
        assertThatThrownBy(() -> new RestSchemaRegistry(url).schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    /** A CI job registered the .avsc as written (pretty); our client sends the compact form. */
    @Test
    void lookupFindsASchemaRegisteredWithOtherFormatting() throws IOException, InterruptedException {
        final String subject = uniqueSubject();
        final String pretty = RequestLog.getClassSchema().toString(true);
        final int id = post("/subjects/" + subject + "/versions", pretty).get("id").asInt();

        assertThat(new RestSchemaRegistry(url).idOf(subject, RequestLog.getClassSchema())).isEqualTo(id);
    }

    @Test
    void theSerdesWriteApicuriosIdAndReadTheRecordBackEqual() throws IOException, InterruptedException {
        final String topic = "apicurio-" + UUID.randomUUID();
        final RequestLog sent = requestLog(1);

        final byte[] bytes;
        try (SpecificAvroSerializer<RequestLog> serializer = new SpecificAvroSerializer<>(RequestLog.getClassSchema())) {
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false);
            bytes = serializer.serialize(topic, sent);
        }
        final int idApicurioGave = post("/subjects/" + topic + "-value", RequestLog.getClassSchema().toString()).get("id").asInt();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(idApicurioGave);

        try (SpecificAvroDeserializer<RequestLog> deserializer = new SpecificAvroDeserializer<>(RequestLog.getClassSchema())) {
            deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, separateClientUrl()), false);
            assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(sent);
        }
    }

    @Test
    void recordsCrossARealBrokerWithApicurioAsTheRegistry() throws IOException, InterruptedException {
        final String prefix = EmbeddedStackExtension.uniquePrefix();
        final Topic<String, RequestLog> writeSide = new Topics(prefix, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url)).requestLogs();
        final Topic<String, RequestLog> readSide = new Topics(prefix, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, separateClientUrl())).requestLogs();
        KAFKA.stack().kafka().createTopic(writeSide.name(), 2);
        final List<RequestLog> sent = IntStream.range(0, 50).mapToObj(ApicurioCompatibilityIT::requestLog).toList();

        try (KafkaProducer<String, RequestLog> producer = new KafkaProducer<>(KAFKA.producerProps(),
                writeSide.keySerde().serializer(), writeSide.valueSerde().serializer())) {
            sent.forEach(r -> producer.send(new ProducerRecord<>(writeSide.name(), EndpointKey.of(r.getEndpoint(), r.getVariant()), r)));
        }
        final List<RequestLog> received = new ArrayList<>();
        try (KafkaConsumer<String, RequestLog> consumer = new KafkaConsumer<>(KAFKA.consumerProps(),
                readSide.keySerde().deserializer(), readSide.valueSerde().deserializer())) {
            consumer.subscribe(List.of(readSide.name()));
            final long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < sent.size() && System.currentTimeMillis() < deadline) {
                for (final ConsumerRecord<String, RequestLog> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
        }

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        // The schema went to Apicurio, not to the embedded registry beside the broker.
        assertThat(get("/subjects")).extracting(JsonNode::asText).contains(writeSide.name() + "-value");
        assertThat(KAFKA.stack().schemaRegistry().registry().subjects()).doesNotContain(writeSide.name() + "-value");
    }

    /**
     * The same registry under another spelling of its URL: serdes share one cached client per URL,
     * so a reader configured with this one must fetch the writer schema from Apicurio by id.
     */
    private static String separateClientUrl() {
        return url + "/";
    }

    private static String uniqueSubject() {
        return "apicurio-it-" + UUID.randomUUID() + "-value";
    }

    private static Schema otherSchema() {
        return Schema.createRecord("NotRegistered", null, "io.streamscale.test", false,
                List.of(new Schema.Field("x", Schema.create(Schema.Type.INT))));
    }

    private static RequestLog requestLog(final int i) {
        return RequestLog.newBuilder().setEndpoint("endpoint-" + (i % 3)).setVariant("AllTraffic")
                .setRequestId("r-" + i).setTimestamp(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setModelLatencyMicros(1_000L * i).setOverheadLatencyMicros(120).setStatusCode(i % 7 == 0 ? 503 : 200)
                .setQueueDepth(i % 2 == 0 ? null : i).setInputTokens(i % 5 == 0 ? 42 : null).build();
    }

    private static JsonNode get(final String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    /** Registers or looks up schema text as is, the way a tool other than ours would. */
    private static JsonNode post(final String path, final String schemaText) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schemaText)))));
    }

    private static JsonNode send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        final HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s answered %s", request.build().uri(), response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
