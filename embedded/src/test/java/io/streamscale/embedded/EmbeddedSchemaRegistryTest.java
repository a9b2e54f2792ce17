package io.streamscale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.RestSchemaRegistry;
import io.streamscale.schemas.registry.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST client and the embedded registry speak Confluent's API to each other, over real HTTP. */
class EmbeddedSchemaRegistryTest {

    private static EmbeddedSchemaRegistry server;
    private static RestSchemaRegistry client;

    @BeforeAll
    static void start() {
        server = EmbeddedSchemaRegistry.start();
        client = new RestSchemaRegistry(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registersOnceAndFetchesById() {
        final int id = client.register("logs-value", RequestLog.getClassSchema());

        assertThat(client.register("logs-value", RequestLog.getClassSchema())).isEqualTo(id);
        assertThat(new RestSchemaRegistry(server.url()).schemaById(id)).isEqualTo(RequestLog.getClassSchema());
        assertThat(new RestSchemaRegistry(server.url()).idOf("logs-value", RequestLog.getClassSchema())).isEqualTo(id);
    }

    @Test
    void differentSchemasGetDifferentIds() {
        assertThat(client.register("a-value", RequestLog.getClassSchema()))
                .isNotEqualTo(client.register("b-value", EndpointSignals.getClassSchema()));
    }

    @Test
    void unknownIdIsConfluentsError40403() {
        assertThatThrownBy(() -> client.schemaById(4242))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void lookupOfAnUnregisteredSchemaFails() {
        final Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Unregistered\",\"fields\":[]}");
        assertThatThrownBy(() -> client.idOf("logs-value", other))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void incompatibleSchemaIsRefusedWith409() {
        final Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        final Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        client.register("r-value", v1);

        assertThatThrownBy(() -> client.register("r-value", v2))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
    }

    @Test
    void servesSubjectsVersionsAndConfigAsConfluentDoes() throws Exception {
        client.register("listed-value", RequestLog.getClassSchema());

        assertThat(get("/subjects")).contains("\"listed-value\"");
        assertThat(get("/subjects/listed-value/versions")).isEqualTo("[1]");
        assertThat(get("/subjects/listed-value/versions/latest")).contains("\"version\":1", "\"subject\":\"listed-value\"");
        assertThat(get("/config")).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(get("/nowhere")).contains("\"error_code\":404");
    }

    private static String get(final String path) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
