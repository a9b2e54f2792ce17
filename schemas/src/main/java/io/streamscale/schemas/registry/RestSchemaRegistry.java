package io.streamscale.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (as Confluent's registry, Apicurio's
 * {@code /apis/ccompat/v7} and the embedded registry serve it), caching ids and schemas both ways
 * so each schema costs one request per client.
 */
public final class RestSchemaRegistry implements SchemaRegistry {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistry(final String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public RestSchemaRegistry(final String baseUrl, final Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return cachedId(subject, schema, () -> post("/subjects/" + encode(subject) + "/versions", schema).get("id").asInt());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Confluent's registry compares schemas after parsing them, so a schema registered from a
     * pretty-printed {@code .avsc} is found by its compact form. Apicurio's Confluent API compares the
     * text unless asked with {@code ?normalize=true}; so when the plain lookup finds no such schema
     * under the subject (40403), we ask once more normalised. Confluent answers both alike.
     */
    @Override
    public int idOf(final String subject, final Schema schema) {
        return cachedId(subject, schema, () -> {
            final String path = "/subjects/" + encode(subject);
            try {
                return post(path, schema).get("id").asInt();
            } catch (SchemaRegistryException notFound) {
                if (notFound.errorCode() != SchemaRegistryException.SCHEMA_NOT_FOUND) {
                    throw notFound;
                }
                return post(path + "?normalize=true", schema).get("id").asInt();
            }
        });
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        final JsonNode body = send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
        final JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "Schema " + id + " is " + type.asText() + ", not Avro");
        }
        final Schema schema = new Schema.Parser().parse(body.get("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public String location() {
        return baseUrl;
    }

    private int cachedId(final String subject, final Schema schema, final java.util.function.IntSupplier fetch) {
        final Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        final Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        final int id = fetch.getAsInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private JsonNode post(final String path, final Schema schema) {
        final String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot encode schema " + schema.getFullName(), e);
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(final HttpRequest.Builder request) {
        final HttpRequest built = request.header("Accept", CONTENT_TYPE + ", application/json").timeout(timeout).build();
        final HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry at " + baseUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while calling schema registry at " + baseUrl, e);
        }
        final JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(response.statusCode(), "Schema registry at " + baseUrl
                    + " answered " + response.statusCode() + " with a body that is not JSON: " + abbreviate(response.body()));
        }
        if (response.statusCode() / 100 != 2) {
            final int code = body.path("error_code").asInt(response.statusCode());
            final String message = body.path("message").asText("HTTP " + response.statusCode());
            throw new SchemaRegistryException(code, "Schema registry at " + baseUrl + ": " + message + " (error " + code + ")");
        }
        return body;
    }

    private URI uri(final String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(final String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
