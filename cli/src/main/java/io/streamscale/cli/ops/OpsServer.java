package io.streamscale.cli.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a running service for its operators:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP at all;</li>
 *   <li>{@code GET /health/ready}: 200 once every registered component is ready (a Streams app is
 *       ready when RUNNING), else 503; the body names each component's state;</li>
 *   <li>{@code GET /metrics}: every meter in Prometheus's text format;</li>
 *   <li>more routes ({@link #route}) for services that answer queries, such as current signals.</li>
 * </ul>
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    /** Answers one GET: a status and a body. */
    @FunctionalInterface
    public interface Route {
        Response handle(String path, Map<String, String> query) throws IOException;
    }

    public record Response(int status, String contentType, String body) {
        public static Response json(final String body) {
            return new Response(200, "application/json", body);
        }

        public static Response notFound(final String message) {
            return new Response(404, "text/plain; charset=utf-8", message);
        }
    }

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final Map<String, BooleanSupplier> readiness = new ConcurrentHashMap<>();

    private OpsServer(final HttpServer server, final PrometheusMeterRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Listens on {@code host:port} (port 0 picks a free one). */
    public static OpsServer start(final String host, final int port) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("ops.port: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            final Thread thread = new Thread(r, "ops-http");
            thread.setDaemon(true);
            return thread;
        }));
        final OpsServer ops = new OpsServer(server, registry);
        ops.route("/health/live", (path, query) -> new Response(200, "application/json", "{\"status\":\"UP\"}"));
        ops.route("/health/ready", (path, query) -> ops.readinessResponse());
        ops.route("/metrics", (path, query) -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.start();
        LOG.info("Health and metrics on http://{}:{}/ (health/live, health/ready, metrics)", host, ops.port());
        return ops;
    }

    /** The registry every meter of this process goes to. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Makes readiness depend on {@code component}; ready only when every registered check is true. */
    public void addReadinessCheck(final String component, final BooleanSupplier ready) {
        readiness.put(component, ready);
    }

    /** Serves GET requests under {@code prefix}. */
    public void route(final String prefix, final Route route) {
        server.createContext(prefix, exchange -> serve(exchange, route));
    }

    private Response readinessResponse() {
        final Map<String, Boolean> states = readiness.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getAsBoolean(), (a, b) -> a, java.util.TreeMap::new));
        final boolean ready = !states.isEmpty() && states.values().stream().allMatch(Boolean::booleanValue);
        final String components = states.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + (e.getValue() ? "UP" : "DOWN") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return new Response(ready ? 200 : 503, "application/json",
                "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"components\":" + components + "}");
    }

    private static void serve(final HttpExchange exchange, final Route route) throws IOException {
        try (exchange) {
            Response response;
            if (!"GET".equals(exchange.getRequestMethod())) {
                response = new Response(405, "text/plain; charset=utf-8", "Only GET is served here");
            } else {
                try {
                    response = route.handle(exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()));
                } catch (RuntimeException | IOException e) {
                    LOG.warn("{} failed: {}", exchange.getRequestURI(), e.toString());
                    response = new Response(500, "text/plain; charset=utf-8", e.toString());
                }
            }
            final byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static Map<String, String> query(final String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return java.util.Arrays.stream(raw.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> java.net.URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }
}
