package io.streamscale.ingest.normalise;

import java.util.List;

/**
 * The JSON field names ingest accepts for each RequestLog field, with the unit each one is in. The
 * first name of each list is the canonical one (DESIGN.md's RequestLog field); the others are the
 * shapes common producers already write: CloudWatch's names, snake_case log shippers, nginx, Envoy
 * and API Gateway access logs, OpenAI-style token counts. docs/INGEST.md lists them.
 */
final class JsonAliases {

    private JsonAliases() {
    }

    /** A field name and the factor that turns its numbers into the target unit (µs for latency, ms for time). */
    record Alias(String name, double scale) {
    }

    private static Alias micros(final String name) {
        return new Alias(name, 1);
    }

    private static Alias millisAsMicros(final String name) {
        return new Alias(name, 1_000);
    }

    private static Alias secondsAsMicros(final String name) {
        return new Alias(name, 1_000_000);
    }

    private static Alias millis(final String name) {
        return new Alias(name, 1);
    }

    private static Alias secondsAsMillis(final String name) {
        return new Alias(name, 1_000);
    }

    static final List<String> ENDPOINT = List.of("endpoint", "endpointName", "EndpointName", "endpoint_name");
    static final List<String> VARIANT = List.of("variant", "variantName", "VariantName", "variant_name");
    static final List<String> REQUEST_ID = List.of("requestId", "request_id", "requestID", "RequestId", "x-amzn-RequestId", "id");
    static final List<String> STATUS = List.of("statusCode", "status_code", "status", "StatusCode", "response_code", "httpStatus");
    static final List<String> QUEUE_DEPTH = List.of("queueDepth", "queue_depth", "QueueDepth", "pendingRequests", "pending_requests");
    static final List<String> TARGET_MODEL = List.of("targetModel", "target_model", "TargetModel");
    static final List<String> INPUT_TOKENS = List.of("inputTokens", "input_tokens", "prompt_tokens", "promptTokens");
    static final List<String> OUTPUT_TOKENS = List.of("outputTokens", "output_tokens", "completion_tokens", "completionTokens",
            "generated_tokens");
    /** An object holding token counts under the names above (OpenAI's {@code usage}). */
    static final String USAGE = "usage";

    /** Time the model took; CloudWatch's ModelLatency is in microseconds. */
    static final List<Alias> MODEL_LATENCY = List.of(micros("modelLatencyMicros"), micros("model_latency_micros"),
            micros("modelLatencyUs"), micros("model_latency_us"), micros("ModelLatency"),
            millisAsMicros("modelLatencyMs"), millisAsMicros("model_latency_ms"));
    /** Time SageMaker added; CloudWatch's OverheadLatency is in microseconds. */
    static final List<Alias> OVERHEAD_LATENCY = List.of(micros("overheadLatencyMicros"), micros("overhead_latency_micros"),
            micros("overheadLatencyUs"), micros("overhead_latency_us"), micros("OverheadLatency"),
            millisAsMicros("overheadLatencyMs"), millisAsMicros("overhead_latency_ms"));
    /**
     * What the client saw, used when no model latency is given (model = total − overhead): milliseconds
     * unless the name says otherwise; nginx's {@code request_time} is in seconds, Envoy's {@code duration}
     * and API Gateway's {@code responseLatency} in milliseconds.
     */
    static final List<Alias> TOTAL_LATENCY = List.of(millisAsMicros("latency_ms"), millisAsMicros("latencyMs"),
            millisAsMicros("latency"), millisAsMicros("duration_ms"), millisAsMicros("durationMs"), millisAsMicros("duration"),
            millisAsMicros("responseLatency"), micros("latency_us"), micros("latencyUs"), micros("latencyMicros"),
            secondsAsMicros("latency_s"), secondsAsMicros("latencySeconds"), secondsAsMicros("request_time"));

    /**
     * Arrival time. Numbers are epoch milliseconds unless the name says seconds (nginx's {@code msec} is
     * seconds with a millisecond fraction); text may also be ISO-8601, or Common Log Format for API
     * Gateway's {@code requestTime}.
     */
    static final List<Alias> TIMESTAMP = List.of(millis("timestamp"), millis("timestampMillis"), millis("timestamp_ms"),
            millis("time"), millis("ts"), millis("@timestamp"), millis("arrivalTime"), millis("arrival_time"),
            millis("start_time"), millis("time_iso8601"), millis("requestTimeEpoch"), millis("requestTime"),
            secondsAsMillis("timestamp_s"), secondsAsMillis("epochSeconds"), secondsAsMillis("msec"));
}
