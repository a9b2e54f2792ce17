package io.streamscale.actuator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP server that speaks the wire protocols the SDK uses for the three services, with the
 * responses AWS documents: SageMaker and Application Auto Scaling over AWS JSON 1.1 (POST /, operation
 * in {@code X-Amz-Target}), CloudWatch over the AWS Query protocol (form-encoded {@code Action=...},
 * XML answer). It keeps a small model of endpoints and scalable targets, records every request, and
 * plays scripted errors before the normal answer.
 */
public final class FakeAws implements AutoCloseable {

    /** One request as it arrived. */
    public record Call(String operation, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Map<String, String> form() {
            final Map<String, String> form = new LinkedHashMap<>();
            for (final String pair : body.split("&")) {
                final int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }

        public String header(final String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A scripted answer: HTTP status, AWS error type and message. */
    public record Scripted(int status, String errorType, String message) {
    }

    /** The model of one endpoint variant. */
    public static final class Endpoint {
        public volatile String status = "InService";
        public volatile int current;
        public volatile int desired;
        public final Deque<String> upcomingStatuses = new ArrayDeque<>();
        /**
         * As SageMaker does: after an update the endpoint is {@code Updating} with the new
         * DesiredInstanceCount and the old CurrentInstanceCount, for this many DescribeEndpoint answers;
         * the next one finds it InService at the new count. Zero: the update takes effect at once.
         */
        public volatile int updateTakesDescribes;
        private int describesLeft;

        /** Moves the variant as someone outside StreamScale would (console, CLI, AWS's own policies). */
        public void changedOutside(final int count) {
            current = count;
            desired = count;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String ACCOUNT = "123456789012";

    private final HttpServer server;
    private final String region;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, int[]> targets = new ConcurrentHashMap<>();
    private final Map<String, boolean[]> suspended = new ConcurrentHashMap<>();
    private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();

    public FakeAws(final String region) {
        this.region = region;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds an InService endpoint whose single variant has {@code count} instances. */
    public Endpoint endpoint(final String name, final String variant, final int count) {
        final Endpoint e = new Endpoint();
        e.current = count;
        e.desired = count;
        endpoints.put(name + "/" + variant, e);
        return e;
    }

    public Endpoint endpoint(final String name, final String variant) {
        return endpoints.get(name + "/" + variant);
    }

    /** Registers the variant with Application Auto Scaling. */
    public void scalableTarget(final String name, final String variant, final int min, final int max) {
        targets.put("endpoint/" + name + "/variant/" + variant, new int[] {min, max});
    }

    /** Sets the registration's SuspendedState, as RegisterScalableTarget with SuspendedState would. */
    public void suspend(final String name, final String variant, final boolean dynamicIn, final boolean dynamicOut,
            final boolean scheduled) {
        suspended.put("endpoint/" + name + "/variant/" + variant, new boolean[] {dynamicIn, dynamicOut, scheduled});
    }

    public int[] scalableTarget(final String name, final String variant) {
        return targets.get("endpoint/" + name + "/variant/" + variant);
    }

    /** The next answers to {@code operation} (e.g. UpdateEndpointWeightsAndCapacities) are these errors. */
    public void script(final String operation, final Scripted... answers) {
        final Deque<Scripted> queue = scripts.computeIfAbsent(operation, k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(answers));
        }
    }

    public static Scripted throttling() {
        return new Scripted(400, "ThrottlingException", "Rate exceeded");
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(final String operation) {
        return calls().stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    public String endpointArn(final String name) {
        return "arn:aws:sagemaker:" + region + ":" + ACCOUNT + ":endpoint/" + name.toLowerCase(Locale.ROOT);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] raw = readBody(exchange);
            final Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            final String body = new String(raw, StandardCharsets.UTF_8);
            final String target = headers.get("x-amz-target");
            final String operation;
            if (target != null) {
                operation = target.substring(target.indexOf('.') + 1);
            } else {
                operation = new Call("", headers, body).form().getOrDefault("Action", "?");
            }
            final Call call = new Call(operation, Map.copyOf(headers), body);
            synchronized (this) {
                calls.add(call);
            }
            final Deque<Scripted> queue = scripts.get(operation);
            Scripted scripted = null;
            if (queue != null) {
                synchronized (queue) {
                    scripted = queue.pollFirst();
                }
            }
            if (scripted != null) {
                if (target != null) {
                    jsonError(exchange, scripted);
                } else {
                    queryError(exchange, scripted);
                }
                return;
            }
            switch (operation) {
                case "DescribeEndpoint" -> describeEndpoint(exchange, call.json());
                case "UpdateEndpointWeightsAndCapacities" -> updateEndpoint(exchange, call.json());
                case "DescribeScalableTargets" -> describeTargets(exchange, call.json());
                case "RegisterScalableTarget" -> registerTarget(exchange, call.json());
                case "PutMetricData" -> respond(exchange, 200, "text/xml",
                        "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                                + "</PutMetricDataResponse>");
                default -> jsonError(exchange, new Scripted(400, "UnknownOperationException", operation));
            }
        }
    }

    private void describeEndpoint(final HttpExchange exchange, final JsonNode request) throws IOException {
        final String name = request.path("EndpointName").asText();
        final Map.Entry<String, Endpoint> entry = endpoints.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "/")).findFirst().orElse(null);
        if (entry == null) {
            jsonError(exchange, new Scripted(400, "ValidationException", "Could not find endpoint \""
                    + endpointArn(name) + "\"."));
            return;
        }
        final Endpoint e = entry.getValue();
        final String status;
        synchronized (e.upcomingStatuses) {
            if (e.describesLeft > 0 && --e.describesLeft == 0) {
                e.current = e.desired;
                e.status = "InService";
            }
            final String next = e.upcomingStatuses.pollFirst();
            status = next != null ? next : e.status;
        }
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("EndpointName", name);
        body.put("EndpointArn", endpointArn(name));
        body.put("EndpointConfigName", name + "-config");
        final ObjectNode variant = body.putArray("ProductionVariants").addObject();
        variant.put("VariantName", entry.getKey().substring(name.length() + 1));
        variant.put("CurrentWeight", 1.0);
        variant.put("DesiredWeight", 1.0);
        variant.put("CurrentInstanceCount", e.current);
        variant.put("DesiredInstanceCount", e.desired);
        body.put("EndpointStatus", status);
        body.put("CreationTime", 1.7e9);
        body.put("LastModifiedTime", 1.7e9);
        json(exchange, body);
    }

    private void updateEndpoint(final HttpExchange exchange, final JsonNode request) throws IOException {
        final String name = request.path("EndpointName").asText();
        for (final JsonNode wanted : request.path("DesiredWeightsAndCapacities")) {
            final Endpoint e = endpoint(name, wanted.path("VariantName").asText());
            if (e == null) {
                jsonError(exchange, new Scripted(400, "ValidationException", "Could not find endpoint \""
                        + endpointArn(name) + "\"."));
                return;
            }
            if (!"InService".equals(e.status)) {
                jsonError(exchange, new Scripted(400, "ValidationException",
                        "Cannot update in-progress endpoint \"" + endpointArn(name) + "\"."));
                return;
            }
            e.desired = wanted.path("DesiredInstanceCount").asInt();
            synchronized (e.upcomingStatuses) {
                if (e.updateTakesDescribes > 0) {
                    e.status = "Updating";
                    e.describesLeft = e.updateTakesDescribes + 1;
                } else {
                    e.current = e.desired;
                }
            }
        }
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("EndpointArn", endpointArn(name));
        json(exchange, body);
    }

    private void describeTargets(final HttpExchange exchange, final JsonNode request) throws IOException {
        final ObjectNode body = MAPPER.createObjectNode();
        final var list = body.putArray("ScalableTargets");
        for (final JsonNode id : request.path("ResourceIds")) {
            final int[] bounds = targets.get(id.asText());
            if (bounds != null) {
                final ObjectNode t = list.addObject();
                t.put("ServiceNamespace", "sagemaker");
                t.put("ResourceId", id.asText());
                t.put("ScalableDimension", "sagemaker:variant:DesiredInstanceCount");
                t.put("MinCapacity", bounds[0]);
                t.put("MaxCapacity", bounds[1]);
                t.put("RoleARN", "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/sagemaker.application-autoscaling."
                        + "amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint");
                t.put("CreationTime", 1.7e9);
                final boolean[] state = suspended.getOrDefault(id.asText(), new boolean[3]);
                final ObjectNode suspendedState = t.putObject("SuspendedState");
                suspendedState.put("DynamicScalingInSuspended", state[0]);
                suspendedState.put("DynamicScalingOutSuspended", state[1]);
                suspendedState.put("ScheduledScalingSuspended", state[2]);
            }
        }
        json(exchange, body);
    }

    private void registerTarget(final HttpExchange exchange, final JsonNode request) throws IOException {
        final String id = request.path("ResourceId").asText();
        final int[] bounds = targets.computeIfAbsent(id, k -> new int[2]);
        bounds[0] = request.path("MinCapacity").asInt(bounds[0]);
        bounds[1] = request.path("MaxCapacity").asInt(bounds[1]);
        // AWS moves the current capacity into the new range at once.
        final String[] parts = id.split("/");
        final Endpoint e = endpoint(parts[1], parts[3]);
        if (e != null) {
            e.desired = Math.max(bounds[0], Math.min(bounds[1], e.desired));
            e.current = e.desired;
        }
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("ScalableTargetARN", "arn:aws:application-autoscaling:" + region + ":" + ACCOUNT
                + ":scalable-target/056ffb3a6e7f4b2f8a9b0c1d2e3f4a5b");
        json(exchange, body);
    }

    private static byte[] readBody(final HttpExchange exchange) throws IOException {
        final String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        try (InputStream in = "gzip".equalsIgnoreCase(encoding)
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void json(final HttpExchange exchange, final JsonNode body) throws IOException {
        respond(exchange, 200, "application/x-amz-json-1.1", MAPPER.writeValueAsString(body));
    }

    private static void jsonError(final HttpExchange exchange, final Scripted error) throws IOException {
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", error.errorType());
        body.put("message", error.message());
        respond(exchange, error.status(), "application/x-amz-json-1.1", MAPPER.writeValueAsString(body));
    }

    private static void queryError(final HttpExchange exchange, final Scripted error) throws IOException {
        respond(exchange, error.status(), "text/xml", "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<Error><Type>Sender</Type><Code>" + error.errorType() + "</Code><Message>" + error.message()
                + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static void respond(final HttpExchange exchange, final int status, final String contentType,
            final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
