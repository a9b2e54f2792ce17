package io.streamscale.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import io.streamscale.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry in memory, serving the subset of the Confluent Schema Registry REST API that
 * serdes and operators use, on a free loopback port:
 * <ul>
 *   <li>{@code POST /subjects/{s}/versions} register; {@code POST /subjects/{s}} look up;</li>
 *   <li>{@code GET /schemas/ids/{id}} (and {@code /schema}); {@code GET /subjects};
 *       {@code GET /subjects/{s}/versions}; {@code GET /subjects/{s}/versions/{v|latest}} (and {@code /schema});</li>
 *   <li>{@code GET|PUT /config} and {@code /config/{s}}; {@code POST /compatibility/subjects/{s}/versions/{v}}.</li>
 * </ul>
 * Errors carry Confluent's {@code error_code} and {@code message}. Only Avro schemas are accepted.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final InMemorySchemaRegistry registry;
    private final String url;

    private EmbeddedSchemaRegistry(final HttpServer server, final ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
        this.registry = new InMemorySchemaRegistry(url);
    }

    /** Starts on a free loopback port. */
    public static EmbeddedSchemaRegistry start() {
        return start(0);
    }

    /** Starts on {@code port} (0 for a free one) of the loopback interface. */
    public static EmbeddedSchemaRegistry start(final int port) {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                final Thread thread = new Thread(r, "embedded-schema-registry");
                thread.setDaemon(true);
                return thread;
            });
            final EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor);
            server.createContext("/", registry::handle);
            server.setExecutor(executor);
            server.start();
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("Embedded schema registry cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Base URL to use as {@code schema.registry.url}. */
    public String url() {
        return url;
    }

    /** The registry's contents, for tests that look behind the API. */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                final Object body = route(exchange.getRequestMethod(), pathSegments(exchange), readBody(exchange));
                respond(exchange, 200, body);
            } catch (SchemaRegistryException e) {
                final int status = e.errorCode() >= 100000 || e.errorCode() < 100 ? 500
                        : e.errorCode() >= 1000 ? e.errorCode() / 100 : e.errorCode();
                respond(exchange, status, error(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, 500, error(50001, "Error in the embedded registry: " + e));
            }
        }
    }

    private Object route(final String method, final List<String> path, final JsonNode body) {
        final int n = path.size();
        if (n == 0) {
            return JSON.createObjectNode();
        }
        switch (path.get(0)) {
            case "subjects" -> {
                if (n == 1 && method.equals("GET")) {
                    return registry.subjects();
                }
                final String subject = path.get(1);
                if (n == 2 && method.equals("POST")) {
                    final Schema schema = parse(body);
                    return registry.lookup(subject, schema).map(this::describe).orElseThrow(() ->
                            new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
                }
                if (n == 3 && path.get(2).equals("versions")) {
                    if (method.equals("POST")) {
                        return JSON.createObjectNode().put("id", registry.register(subject, parse(body)));
                    }
                    return registry.versions(subject).stream().map(InMemorySchemaRegistry.Registered::version).toList();
                }
                if (n >= 4 && path.get(2).equals("versions") && method.equals("GET")) {
                    final InMemorySchemaRegistry.Registered registered = registry.version(subject, path.get(3));
                    return n == 5 && path.get(4).equals("schema") ? registered.schema().toString() : describe(registered);
                }
            }
            case "schemas" -> {
                if (n >= 3 && path.get(1).equals("ids") && method.equals("GET")) {
                    final int id = parseId(path.get(2));
                    final Schema schema = registry.schemaById(id);
                    return n == 4 && path.get(3).equals("schema") ? schema.toString()
                            : JSON.createObjectNode().put("schema", schema.toString());
                }
                if (n == 2 && path.get(1).equals("types")) {
                    return List.of("AVRO");
                }
            }
            case "config" -> {
                final String subject = n > 1 ? path.get(1) : null;
                if (method.equals("PUT")) {
                    final String level = body == null ? "" : body.path("compatibility").asText("");
                    try {
                        registry.setCompatibility(subject, InMemorySchemaRegistry.Compatibility.valueOf(level));
                    } catch (IllegalArgumentException e) {
                        throw new SchemaRegistryException(42203, "Invalid compatibility level: '" + level + "'");
                    }
                    return JSON.createObjectNode().put("compatibility", level);
                }
                return JSON.createObjectNode().put("compatibilityLevel", registry.compatibility(subject).name());
            }
            case "compatibility" -> {
                if (n == 5 && path.get(1).equals("subjects") && method.equals("POST")) {
                    final String subject = path.get(2);
                    final Schema schema = parse(body);
                    final boolean compatible = registry.subjects().contains(subject) ? registry.isCompatible(subject, schema) : true;
                    return JSON.createObjectNode().put("is_compatible", compatible);
                }
            }
            default -> { }
        }
        throw new SchemaRegistryException(404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path));
    }

    private ObjectNode describe(final InMemorySchemaRegistry.Registered registered) {
        return JSON.createObjectNode().put("subject", registered.subject()).put("version", registered.version())
                .put("id", registered.id()).put("schema", registered.schema().toString());
    }

    private static Schema parse(final JsonNode body) {
        if (body == null || !body.hasNonNull("schema")) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Request body has no \"schema\" field");
        }
        final String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Only AVRO schemas are supported, not " + type);
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    private static int parseId(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    private static List<String> pathSegments(final HttpExchange exchange) {
        final String raw = exchange.getRequestURI().getRawPath();
        return java.util.Arrays.stream(raw.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }

    private static JsonNode readBody(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            final byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return null;
            }
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new SchemaRegistryException(42201, "Request body is not JSON: " + e.getMessage());
            }
        }
    }

    private static ObjectNode error(final int code, final String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void respond(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
