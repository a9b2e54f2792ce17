package io.streamscale.ingest.normalise;

import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;

/**
 * The rules every request log must pass, whatever encoding it arrived in:
 * <ul>
 *   <li>endpoint and variant follow SageMaker's naming rule (1-63 letters, digits, inner hyphens);</li>
 *   <li>model and overhead latency are ≥ 0 and their sum is at most {@code ingest.latency.max.ms};</li>
 *   <li>the status code is an HTTP status, 100-599;</li>
 *   <li>now − maxAge ≤ timestamp ≤ now + futureSkew (wall clock of the ingest host);</li>
 *   <li>requestId and targetModel are 1 to {@code ingest.string.max.chars} characters;</li>
 *   <li>queue depth and token counts are ≥ 0.</li>
 * </ul>
 */
public final class RequestLogValidator {

    public static final int MIN_STATUS = 100;
    public static final int MAX_STATUS = 599;
    /** Below this, a timestamp in milliseconds is before 2001-09-09: most likely epoch seconds sent as millis. */
    private static final long LOOKS_LIKE_SECONDS = 1_000_000_000_000L;

    private final IngestConfig config;

    public RequestLogValidator(final IngestConfig config) {
        this.config = config;
    }

    /** @throws RejectedRecordException with the first rule the record breaks */
    public void validate(final RequestLog log, final long nowMs) {
        if (!EndpointKey.isValidName(log.getEndpoint())) {
            throw reject(ReasonCode.INVALID_ENDPOINT_NAME, "endpoint '" + abbreviate(log.getEndpoint())
                    + "' is not a SageMaker endpoint name (1-63 letters, digits and hyphens, no leading or trailing hyphen)");
        }
        if (!EndpointKey.isValidName(log.getVariant())) {
            throw reject(ReasonCode.INVALID_VARIANT_NAME, "variant '" + abbreviate(log.getVariant())
                    + "' is not a SageMaker variant name (1-63 letters, digits and hyphens, no leading or trailing hyphen)");
        }
        checkLength("requestId", log.getRequestId());
        if (log.getTargetModel() != null) {
            checkLength("targetModel", log.getTargetModel());
        }
        final long model = log.getModelLatencyMicros();
        final long overhead = log.getOverheadLatencyMicros();
        if (model < 0 || overhead < 0) {
            throw reject(ReasonCode.NEGATIVE_LATENCY, (model < 0 ? "modelLatencyMicros " + model : "overheadLatencyMicros " + overhead)
                    + " is negative");
        }
        final long ceilingMicros = config.maxLatency().toMillis() * 1000;
        if (model > ceilingMicros || overhead > ceilingMicros || model + overhead > ceilingMicros) {
            throw reject(ReasonCode.LATENCY_ABOVE_CEILING, "latency " + microsAsMs(model, overhead) + " ms is above the ceiling of "
                    + config.maxLatency().toMillis() + " ms (" + IngestConfig.LATENCY_MAX_MS + ")");
        }
        if (log.getStatusCode() < MIN_STATUS || log.getStatusCode() > MAX_STATUS) {
            throw reject(ReasonCode.INVALID_STATUS_CODE, "statusCode " + log.getStatusCode() + " is not an HTTP status (100-599)");
        }
        final long timestamp = log.getTimestamp().toEpochMilli();
        if (timestamp > nowMs + config.futureSkew().toMillis()) {
            throw reject(ReasonCode.TIMESTAMP_IN_FUTURE, "timestamp " + log.getTimestamp() + " is " + (timestamp - nowMs)
                    + " ms ahead of this host's clock, more than the allowed " + config.futureSkew().toMillis() + " ms ("
                    + IngestConfig.TIMESTAMP_FUTURE_SKEW_MS + "); epoch microseconds sent as milliseconds?");
        }
        if (timestamp < nowMs - config.maxAge().toMillis()) {
            throw reject(ReasonCode.TIMESTAMP_TOO_OLD, "timestamp " + log.getTimestamp() + " is older than "
                    + config.maxAge().toMillis() + " ms (" + IngestConfig.TIMESTAMP_MAX_AGE_MS + ")"
                    + (timestamp > 0 && timestamp < LOOKS_LIKE_SECONDS ? "; epoch seconds sent as milliseconds?" : ""));
        }
        checkCount("queueDepth", log.getQueueDepth());
        checkCount("inputTokens", log.getInputTokens());
        checkCount("outputTokens", log.getOutputTokens());
    }

    private void checkLength(final String field, final String value) {
        if (value == null || value.isEmpty()) {
            throw reject(ReasonCode.INVALID_STRING_LENGTH, field + " is empty");
        }
        if (value.length() > config.maxStringChars()) {
            throw reject(ReasonCode.INVALID_STRING_LENGTH, field + " has " + value.length() + " characters, more than "
                    + config.maxStringChars() + " (" + IngestConfig.STRING_MAX_CHARS + ")");
        }
    }

    private static void checkCount(final String field, final Integer value) {
        if (value != null && value < 0) {
            throw reject(ReasonCode.NEGATIVE_COUNT, field + " " + value + " is negative");
        }
    }

    private static String microsAsMs(final long model, final long overhead) {
        final double sum = (double) model + (double) overhead;
        return sum >= 1e15 ? String.format("%.3g", sum / 1000) : String.format("%.3f", sum / 1000);
    }

    static String abbreviate(final String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 80 ? text : text.substring(0, 77) + "...(" + text.length() + " chars)";
    }

    private static RejectedRecordException reject(final ReasonCode reason, final String message) {
        return new RejectedRecordException(reason, message);
    }
}
