package io.streamscale.ingest;

/**
 * Why a raw request log was sent to the dead-letter topic. The name travels in the
 * {@code streamscale.dlq.reason} header and keys the rejection counts, so it is stable: add codes,
 * never rename them.
 */
public enum ReasonCode {
    /** The value is null, empty or only whitespace. */
    EMPTY_PAYLOAD,
    /** The value is larger than {@code ingest.payload.max.bytes}. */
    OVERSIZED_PAYLOAD,
    /** Neither a Confluent frame (first byte 0x00) nor JSON (first non-blank character '{'): binary garbage, a wrong magic byte, plain text. */
    UNKNOWN_ENCODING,
    /** A Confluent frame shorter than its 5-byte header, or Avro data that ends before the record does. */
    AVRO_TRUNCATED,
    /** Avro data that does not decode as the writer schema (bad lengths, bad union index, bytes left over). */
    AVRO_MALFORMED,
    /** The frame's schema id is not in the registry. */
    AVRO_UNKNOWN_SCHEMA,
    /** The frame's writer schema cannot be read as RequestLog (another record type, an incompatible change). */
    AVRO_INCOMPATIBLE_SCHEMA,
    /** The registry could not be asked for the frame's schema (down, timing out); the record can be replayed from the DLQ. */
    SCHEMA_REGISTRY_UNAVAILABLE,
    /** Not well-formed JSON: syntax errors, truncation, invalid UTF-8, duplicate keys, text after the object. */
    INVALID_JSON,
    /** Well-formed JSON whose top level is not an object (array, string, number, null). */
    NOT_A_JSON_OBJECT,
    /** A required field (endpoint, timestamp, latency) is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (an object for a name, text that is not a number for a latency, a fraction for a count). */
    WRONG_TYPE,
    /** Two aliases of one field (e.g. latency_ms and modelLatencyMicros) disagree. */
    CONFLICTING_FIELDS,
    /** NaN or an infinity where a number is required. */
    NON_FINITE_NUMBER,
    /** The endpoint name breaks SageMaker's rule (1-63 letters, digits and inner hyphens). */
    INVALID_ENDPOINT_NAME,
    /** The variant name breaks SageMaker's rule (1-63 letters, digits and inner hyphens). */
    INVALID_VARIANT_NAME,
    /** A latency below zero. */
    NEGATIVE_LATENCY,
    /** A latency above {@code ingest.latency.max.ms}. */
    LATENCY_ABOVE_CEILING,
    /** A status code outside 100-599. */
    INVALID_STATUS_CODE,
    /** A timestamp that is text but neither epoch milliseconds nor ISO-8601. */
    INVALID_TIMESTAMP,
    /** A timestamp later than now + {@code ingest.timestamp.future.skew.ms}. */
    TIMESTAMP_IN_FUTURE,
    /** A timestamp earlier than now - {@code ingest.timestamp.max.age.ms}. */
    TIMESTAMP_TOO_OLD,
    /** A request id or target model longer than {@code ingest.string.max.chars}, or empty. */
    INVALID_STRING_LENGTH,
    /** A negative queue depth or token count. */
    NEGATIVE_COUNT,
    /** Streams could not read the record (caught by the deserialization exception handler). */
    DESERIALIZATION_ERROR,
    /** An unexpected exception while normalising (caught by the processing exception handler). */
    PROCESSING_ERROR,
    /** The normalised record could not be serialised or produced (caught by the production exception handler). */
    PRODUCTION_ERROR
}
