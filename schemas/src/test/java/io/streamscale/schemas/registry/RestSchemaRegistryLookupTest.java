package io.streamscale.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamscale.schemas.RequestLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Looking up a schema that someone else registered with different formatting. Confluent's registry
 * compares parsed schemas; Apicurio's Confluent API (3.0.x, default settings) compares the text
 * unless the request says {@code ?normalize=true}. The server here answers lookups exactly as
 * Apicurio 3.0.9 was seen to (see ApicurioCompatibilityIT in embedded/ for the real one).
 */
class RestSchemaRegistryLookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "prod.inference-logs-value";
    private static final int REGISTERED_ID = 7;
    /** What a CI job that registers the .avsc file as written would have stored. */
    private static final String PRETTY_TEXT = RequestLog.getClassSchema().toString(true);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startTextComparingRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answerLikeApicurio);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void findsASchemaRegisteredWithOtherFormattingByAskingNormalised() {
        final RestSchemaRegistry client = new RestSchemaRegistry(url);

        assertThat(client.idOf(SUBJECT, RequestLog.getClassSchema())).isEqualTo(REGISTERED_ID);
        assertThat(requests).containsExactly("/subjects/" + SUBJECT, "/subjects/" + SUBJECT + "?normalize=true");
    }

    @Test
    void anUnknownSubjectIsNotAskedTwice() {
        final RestSchemaRegistry client = new RestSchemaRegistry(url);

        assertThatThrownBy(() -> client.idOf("other-value", RequestLog.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThat(requests).containsExactly("/subjects/other-value");
    }

    @Test
    void aSchemaThatIsNotThereEvenNormalisedStays40403() {
        final RestSchemaRegistry client = new RestSchemaRegistry(url);
        final Schema other = Schema.createRecord("Other", null, "test", false,
                List.of(new Schema.Field("x", Schema.create(Schema.Type.INT))));

        assertThatThrownBy(() -> client.idOf(SUBJECT, other))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
        assertThat(requests).hasSize(2);
    }

    /** POST /subjects/{subject}: text comparison, or parsed comparison when normalize=true. */
    private void answerLikeApicurio(final HttpExchange exchange) throws IOException {
        final String query = exchange.getRequestURI().getRawQuery();
        final String path = exchange.getRequestURI().getRawPath();
        requests.add(query == null ? path : path + "?" + query);
        final String sent = JSON.readTree(exchange.getRequestBody().readAllBytes()).get("schema").asText();
        if (!path.equals("/subjects/" + SUBJECT)) {
            respond(exchange, 404, Map.of("error_code", 40401, "message", "No artifact with ID '" + path + "' was found."));
        } else if ("normalize=true".equals(query)
                ? new Schema.Parser().parse(sent).equals(new Schema.Parser().parse(PRETTY_TEXT))
                : sent.equals(PRETTY_TEXT)) {
            respond(exchange, 200, Map.of("subject", SUBJECT, "version", 1, "id", REGISTERED_ID, "schema", PRETTY_TEXT));
        } else {
            respond(exchange, 404, Map.of("error_code", 40403,
                    "message", "The given schema does not match any schema under the subject " + SUBJECT));
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
