package io.streamscale.ingest.normalise;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.ingest.normalise.JsonAliases.Alias;
import io.streamscale.ingest.trace.TraceTimestamps;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one JSON object into a RequestLog, accepting the field names and units of
 * {@link JsonAliases}. Checks only what JSON can get wrong (syntax, types, missing or conflicting
 * fields); the business rules are {@link RequestLogValidator}'s. Unknown fields are ignored, so
 * producers may send more than StreamScale reads.
 */
public final class JsonRequestLogReader {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // A repeated key is ambiguous (which latency did the producer mean?), so it is invalid JSON here.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Bare NaN/Infinity parse, so they are reported as NON_FINITE_NUMBER rather than a syntax error.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    /** API Gateway's $context.requestTime, e.g. {@code 23/Nov/2026:10:37:56 +0000}. */
    private static final DateTimeFormatter COMMON_LOG_FORMAT = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /**
     * @param fallbackRequestId request id for records that carry none (stable under re-processing)
     * @throws RejectedRecordException when the bytes are not a usable JSON request log
     */
    public RequestLog read(final byte[] json, final String fallbackRequestId) {
        final JsonNode node = parse(json);
        final String endpoint = requiredText(node, JsonAliases.ENDPOINT);
        final String variant = optionalText(node, JsonAliases.VARIANT);
        final String requestId = optionalId(node);
        final long timestamp = timestamp(node);
        final Long overhead = latency(node, JsonAliases.OVERHEAD_LATENCY);
        final Long model = latency(node, JsonAliases.MODEL_LATENCY);
        final long modelMicros;
        if (model != null) {
            modelMicros = model;
        } else {
            final Long total = latency(node, JsonAliases.TOTAL_LATENCY);
            if (total == null) {
                throw new RejectedRecordException(ReasonCode.MISSING_FIELD, "no latency: expected one of "
                        + names(JsonAliases.MODEL_LATENCY) + " or " + names(JsonAliases.TOTAL_LATENCY));
            }
            // A total is what the client saw; SageMaker's own share, when given, is not the model's.
            modelMicros = overhead == null ? total : saturatingSubtract(total, overhead);
        }
        final Integer status = optionalInt(node, JsonAliases.STATUS);
        final JsonNode usage = node.get(JsonAliases.USAGE) != null && node.get(JsonAliases.USAGE).isObject()
                ? node.get(JsonAliases.USAGE) : null;
        return RequestLog.newBuilder()
                .setEndpoint(endpoint)
                .setVariant(variant == null ? EndpointKey.DEFAULT_VARIANT : variant)
                .setRequestId(requestId == null ? fallbackRequestId : requestId)
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .setModelLatencyMicros(modelMicros)
                .setOverheadLatencyMicros(overhead == null ? 0 : overhead)
                .setStatusCode(status == null ? 200 : status)
                .setQueueDepth(optionalInt(node, JsonAliases.QUEUE_DEPTH))
                .setTargetModel(optionalText(node, JsonAliases.TARGET_MODEL))
                .setInputTokens(tokens(node, usage, JsonAliases.INPUT_TOKENS))
                .setOutputTokens(tokens(node, usage, JsonAliases.OUTPUT_TOKENS))
                .build();
    }

    private static JsonNode parse(final byte[] json) {
        final JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new RejectedRecordException(ReasonCode.INVALID_JSON, "not well-formed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
        } catch (java.io.IOException e) {
            throw new RejectedRecordException(ReasonCode.INVALID_JSON, "not readable as JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new RejectedRecordException(ReasonCode.INVALID_JSON, "no JSON value in the payload");
        }
        if (!node.isObject()) {
            throw new RejectedRecordException(ReasonCode.NOT_A_JSON_OBJECT, "expected a JSON object, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    // ---- strings

    private static String requiredText(final JsonNode node, final List<String> names) {
        final String value = optionalText(node, names);
        if (value == null) {
            throw new RejectedRecordException(ReasonCode.MISSING_FIELD, names.get(0) + " is missing (also accepted: "
                    + String.join(", ", names.subList(1, names.size())) + ")");
        }
        return value;
    }

    private static String optionalText(final JsonNode node, final List<String> names) {
        String found = null;
        String foundName = null;
        for (final String name : names) {
            final JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new RejectedRecordException(ReasonCode.WRONG_TYPE, name + " must be a string, got "
                        + value.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            found = agree(foundName, found, name, value.textValue());
            foundName = foundName == null ? name : foundName;
        }
        return found;
    }

    /** Request ids may be numbers (many gateways count requests). */
    private static String optionalId(final JsonNode node) {
        String found = null;
        String foundName = null;
        for (final String name : JsonAliases.REQUEST_ID) {
            final JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual() && !value.isIntegralNumber()) {
                throw new RejectedRecordException(ReasonCode.WRONG_TYPE, name + " must be a string or an integer, got "
                        + value.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            found = agree(foundName, found, name, value.asText());
            foundName = foundName == null ? name : foundName;
        }
        return found;
    }

    private static <T> T agree(final String firstName, final T first, final String name, final T value) {
        if (first != null && !first.equals(value)) {
            throw new RejectedRecordException(ReasonCode.CONFLICTING_FIELDS, firstName + " and " + name
                    + " name the same field but disagree (" + abbreviate(first) + " vs " + abbreviate(value) + ")");
        }
        return value;
    }

    // ---- numbers

    private static Long latency(final JsonNode node, final List<Alias> aliases) {
        Long found = null;
        String foundName = null;
        for (final Alias alias : aliases) {
            final JsonNode value = node.get(alias.name());
            if (value == null || value.isNull()) {
                continue;
            }
            // Math.round saturates, so an absurd value stays absurd (and hits the ceiling) instead of wrapping.
            final long micros = Math.round(number(alias.name(), value) * alias.scale());
            found = agree(foundName, found, alias.name(), micros);
            foundName = foundName == null ? alias.name() : foundName;
        }
        return found;
    }

    private static long timestamp(final JsonNode node) {
        Long found = null;
        String foundName = null;
        for (final Alias alias : JsonAliases.TIMESTAMP) {
            final JsonNode value = node.get(alias.name());
            if (value == null || value.isNull()) {
                continue;
            }
            final long millis = timestampMillis(alias, value);
            found = agree(foundName, found, alias.name(), millis);
            foundName = foundName == null ? alias.name() : foundName;
        }
        if (found == null) {
            throw new RejectedRecordException(ReasonCode.MISSING_FIELD, "timestamp is missing (also accepted: "
                    + names(JsonAliases.TIMESTAMP.subList(1, JsonAliases.TIMESTAMP.size())) + ")");
        }
        return found;
    }

    private static long timestampMillis(final Alias alias, final JsonNode value) {
        if (value.isTextual() && !DECIMAL.matcher(value.textValue().strip()).matches()
                && !NON_FINITE.matcher(value.textValue().strip()).matches()) {
            final String text = value.textValue().strip();
            if (alias.name().equals("requestTime")) {
                try {
                    return ZonedDateTime.parse(text, COMMON_LOG_FORMAT).toInstant().toEpochMilli();
                } catch (DateTimeParseException e) {
                    // fall through to ISO-8601
                }
            }
            try {
                return TraceTimestamps.parseMillis(text);
            } catch (IllegalArgumentException e) {
                throw new RejectedRecordException(ReasonCode.INVALID_TIMESTAMP, alias.name() + ": " + abbreviate(e.getMessage()));
            }
        }
        final double millis = Math.max(-9.2e18, Math.min(9.2e18, number(alias.name(), value) * alias.scale()));
        // Milliseconds drop a fraction; seconds are rounded, as 1763892000.123 × 1000 is not exact in binary.
        return alias.scale() == 1 ? (long) Math.floor(millis) : Math.round(millis);
    }

    private static Integer optionalInt(final JsonNode node, final List<String> names) {
        Integer found = null;
        String foundName = null;
        for (final String name : names) {
            final JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            final double number = number(name, value);
            if (number != Math.rint(number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                throw new RejectedRecordException(ReasonCode.WRONG_TYPE, name + " must be a whole number within 32 bits, got "
                        + abbreviate(value.asText()));
            }
            found = agree(foundName, found, name, (int) number);
            foundName = foundName == null ? name : foundName;
        }
        return found;
    }

    private static Integer tokens(final JsonNode node, final JsonNode usage, final List<String> names) {
        final Integer top = optionalInt(node, names);
        return top != null || usage == null ? top : optionalInt(usage, names);
    }

    /** A JSON number, or text holding a plain decimal number (nginx writes numbers as strings). */
    private static double number(final String name, final JsonNode value) {
        final double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual()) {
            final String text = value.textValue().strip();
            if (NON_FINITE.matcher(text).matches()) {
                throw new RejectedRecordException(ReasonCode.NON_FINITE_NUMBER, name + " is " + text + ", not a finite number");
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new RejectedRecordException(ReasonCode.WRONG_TYPE, name + " must be a number, got the text '"
                        + abbreviate(text) + "'");
            }
            number = Double.parseDouble(text);
        } else {
            throw new RejectedRecordException(ReasonCode.WRONG_TYPE, name + " must be a number, got "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new RejectedRecordException(ReasonCode.NON_FINITE_NUMBER, name + " is " + value.asText() + ", not a finite number");
        }
        return number;
    }

    private static long saturatingSubtract(final long a, final long b) {
        final long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static String names(final List<Alias> aliases) {
        return String.join(", ", aliases.stream().map(Alias::name).toList());
    }

    private static String abbreviate(final Object value) {
        return RequestLogValidator.abbreviate(String.valueOf(value));
    }
}
