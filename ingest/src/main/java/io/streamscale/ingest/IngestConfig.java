package io.streamscale.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validation limits of the ingest topology, typed and checked once at start. {@link #CONFIG_DEF}
 * is the single definition of keys, defaults, ranges and documentation; a bad value fails with a
 * {@link ConfigException} naming the key.
 *
 * @param maxLatency       a latency (model + overhead) above this is rejected (LATENCY_ABOVE_CEILING)
 * @param futureSkew       a timestamp more than this ahead of the wall clock is rejected (TIMESTAMP_IN_FUTURE)
 * @param maxAge           a timestamp more than this behind the wall clock is rejected (TIMESTAMP_TOO_OLD)
 * @param maxStringChars   longest request id or target model accepted (INVALID_STRING_LENGTH)
 * @param maxPayloadBytes  largest raw value accepted (OVERSIZED_PAYLOAD)
 */
public record IngestConfig(Duration maxLatency, Duration futureSkew, Duration maxAge, int maxStringChars,
                           int maxPayloadBytes) {

    public static final String LATENCY_MAX_MS = "ingest.latency.max.ms";
    public static final String TIMESTAMP_FUTURE_SKEW_MS = "ingest.timestamp.future.skew.ms";
    public static final String TIMESTAMP_MAX_AGE_MS = "ingest.timestamp.max.age.ms";
    public static final String STRING_MAX_CHARS = "ingest.string.max.chars";
    public static final String PAYLOAD_MAX_BYTES = "ingest.payload.max.bytes";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(LATENCY_MAX_MS, Type.LONG, 900_000L, Range.between(1, 86_400_000L), Importance.MEDIUM,
                    "Largest latency (model plus overhead) ingest accepts, in milliseconds; larger ones are rejected as"
                            + " LATENCY_ABOVE_CEILING. Default 15 minutes, above any SageMaker real-time or streaming response.")
            .define(TIMESTAMP_FUTURE_SKEW_MS, Type.LONG, 300_000L, Range.atLeast(0), Importance.MEDIUM,
                    "How far ahead of the ingest host's clock a request timestamp may be, in milliseconds (producers' clocks"
                            + " drift); later ones are rejected as TIMESTAMP_IN_FUTURE.")
            .define(TIMESTAMP_MAX_AGE_MS, Type.LONG, 604_800_000L, Range.atLeast(1), Importance.MEDIUM,
                    "How far behind the ingest host's clock a request timestamp may be, in milliseconds; older ones are"
                            + " rejected as TIMESTAMP_TOO_OLD. Default 7 days (Kafka's default retention). Raise it to"
                            + " ingest historical traces with their original times.")
            .define(STRING_MAX_CHARS, Type.INT, 1024, Range.between(1, 65_536), Importance.LOW,
                    "Longest requestId or targetModel accepted, in characters (SageMaker's TargetModel limit is 1024);"
                            + " longer ones are rejected as INVALID_STRING_LENGTH.")
            .define(PAYLOAD_MAX_BYTES, Type.INT, 65_536, Range.between(64, 16 * 1024 * 1024), Importance.LOW,
                    "Largest raw record value ingest parses, in bytes; larger ones are rejected as OVERSIZED_PAYLOAD"
                            + " before parsing.");

    public static final IngestConfig DEFAULTS = fromMap(Map.of());

    public IngestConfig {
        positive(maxLatency, "maxLatency", LATENCY_MAX_MS);
        if (futureSkew == null || futureSkew.isNegative()) {
            throw new ConfigException(TIMESTAMP_FUTURE_SKEW_MS, futureSkew, "must be zero or positive");
        }
        positive(maxAge, "maxAge", TIMESTAMP_MAX_AGE_MS);
        if (maxStringChars < 1) {
            throw new ConfigException(STRING_MAX_CHARS, maxStringChars, "must be at least 1");
        }
        if (maxPayloadBytes < 64) {
            throw new ConfigException(PAYLOAD_MAX_BYTES, maxPayloadBytes, "must be at least 64");
        }
    }

    /**
     * Reads the {@code ingest.*} keys of a map (other keys are ignored), applying the defaults.
     *
     * @throws ConfigException naming the key whose value is of the wrong type or out of range
     */
    public static IngestConfig fromMap(final Map<String, ?> values) {
        for (final String key : values.keySet()) {
            // A misspelt key would otherwise be ignored silently and its default used.
            if (key.startsWith("ingest.") && !CONFIG_DEF.names().contains(key)) {
                throw new org.apache.kafka.common.config.ConfigException(key + ": unknown setting (known: "
                        + String.join(", ", new java.util.TreeSet<>(CONFIG_DEF.names())) + ")");
            }
        }
        final Map<String, Object> own = new HashMap<>();
        for (final String key : CONFIG_DEF.names()) {
            final Object value = values.get(key);
            if (value != null) {
                own.put(key, value instanceof String text ? text.strip() : value);
            }
        }
        final Map<String, Object> parsed = CONFIG_DEF.parse(own);
        return new IngestConfig(
                Duration.ofMillis((Long) parsed.get(LATENCY_MAX_MS)),
                Duration.ofMillis((Long) parsed.get(TIMESTAMP_FUTURE_SKEW_MS)),
                Duration.ofMillis((Long) parsed.get(TIMESTAMP_MAX_AGE_MS)),
                (Integer) parsed.get(STRING_MAX_CHARS),
                (Integer) parsed.get(PAYLOAD_MAX_BYTES));
    }

    public IngestConfig withMaxAge(final Duration age) {
        return new IngestConfig(maxLatency, futureSkew, age, maxStringChars, maxPayloadBytes);
    }

    public IngestConfig withMaxLatency(final Duration latency) {
        return new IngestConfig(latency, futureSkew, maxAge, maxStringChars, maxPayloadBytes);
    }

    /** The settings as {@code ingest.*} keys, e.g. to pass through StreamsConfig. */
    public Map<String, Object> toMap() {
        return Map.of(LATENCY_MAX_MS, maxLatency.toMillis(), TIMESTAMP_FUTURE_SKEW_MS, futureSkew.toMillis(),
                TIMESTAMP_MAX_AGE_MS, maxAge.toMillis(), STRING_MAX_CHARS, maxStringChars, PAYLOAD_MAX_BYTES, maxPayloadBytes);
    }

    private static void positive(final Duration value, final String field, final String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(key, value, field + " must be a positive duration");
        }
    }
}
