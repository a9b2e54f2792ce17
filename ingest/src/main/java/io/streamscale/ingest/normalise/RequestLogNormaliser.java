package io.streamscale.ingest.normalise;

import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.ReasonCode;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.serde.WireFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One raw value in, one {@link Verdict} out, never an exception: the whole of ingest's judgement as a
 * pure function of the bytes, the wall clock and the config.
 *
 * <pre>
 * empty or blank                      → EMPTY_PAYLOAD
 * longer than ingest.payload.max.bytes → OVERSIZED_PAYLOAD
 * first byte 0x00                     → Confluent-framed Avro RequestLog (schema from the registry)
 * first non-blank character { or [      → JSON (an object with the fields of JsonAliases)
 * a bare JSON value (string, number)   → NOT_A_JSON_OBJECT
 * anything else                       → UNKNOWN_ENCODING
 * then every decoded record           → RequestLogValidator's rules
 * </pre>
 */
public final class RequestLogNormaliser {

    private final IngestConfig config;
    private final Deserializer<RequestLog> avro;
    private final JsonRequestLogReader json = new JsonRequestLogReader();
    private final RequestLogValidator validator;

    /** @param avro a configured Confluent-framed RequestLog deserializer (the requestLogs topic's) */
    public RequestLogNormaliser(final IngestConfig config, final Deserializer<RequestLog> avro) {
        this.config = config;
        this.avro = avro;
        this.validator = new RequestLogValidator(config);
    }

    /**
     * @param value             the raw record value, untouched
     * @param nowMs             the ingest host's wall clock, for the timestamp window
     * @param fallbackRequestId request id for JSON records without one
     */
    public Verdict normalise(final byte[] value, final long nowMs, final String fallbackRequestId) {
        try {
            final RequestLog log = decode(value, fallbackRequestId);
            validator.validate(log, nowMs);
            return new Verdict.Accepted(log);
        } catch (RejectedRecordException e) {
            return new Verdict.Rejected(e.reason(), e.getMessage());
        }
    }

    private RequestLog decode(final byte[] value, final String fallbackRequestId) {
        if (value == null || value.length == 0) {
            throw new RejectedRecordException(ReasonCode.EMPTY_PAYLOAD, value == null ? "the value is null" : "the value is empty (0 bytes)");
        }
        if (value.length > config.maxPayloadBytes()) {
            throw new RejectedRecordException(ReasonCode.OVERSIZED_PAYLOAD, "the value has " + value.length
                    + " bytes, more than " + config.maxPayloadBytes() + " (" + IngestConfig.PAYLOAD_MAX_BYTES + ")");
        }
        if (value[0] == WireFormat.MAGIC_BYTE) {
            return decodeAvro(value);
        }
        final int first = firstNonBlank(value);
        if (first < 0) {
            throw new RejectedRecordException(ReasonCode.EMPTY_PAYLOAD, "the value holds only whitespace (" + value.length + " bytes)");
        }
        final int c = value[first] & 0xff;
        if (c == '{' || c == '[') {
            return json.read(value, fallbackRequestId);
        }
        if (c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
            // A bare JSON value (string, number, true/false/null) is JSON but not an object; text that
            // merely starts like one ("2026-11-23 INFO ...") is not JSON at all.
            try {
                return json.read(value, fallbackRequestId);
            } catch (RejectedRecordException e) {
                if (e.reason() != ReasonCode.INVALID_JSON) {
                    throw e;
                }
                throw new RejectedRecordException(ReasonCode.UNKNOWN_ENCODING,
                        "neither Confluent-framed Avro nor a JSON object: starts with '" + printable(value, first) + "'");
            }
        }
        throw new RejectedRecordException(ReasonCode.UNKNOWN_ENCODING, String.format(
                "first byte 0x%02x is neither the Confluent magic byte 0x00 (Avro) nor the start of a JSON object", value[0] & 0xff));
    }

    private RequestLog decodeAvro(final byte[] value) {
        if (value.length < WireFormat.HEADER_SIZE) {
            throw new RejectedRecordException(ReasonCode.AVRO_TRUNCATED, "Confluent frame of " + value.length
                    + " bytes, shorter than its 5-byte header (magic byte and schema id)");
        }
        try {
            final RequestLog log = avro.deserialize(null, value);
            if (log == null) {
                throw new RejectedRecordException(ReasonCode.AVRO_MALFORMED, "Avro data decoded to nothing");
            }
            return log;
        } catch (SerializationException e) {
            throw new RejectedRecordException(avroReason(e.getMessage()), e.getMessage());
        } catch (RuntimeException e) {
            // Avro has more ways to fail on garbage than the deserializer names; all mean malformed data.
            throw new RejectedRecordException(ReasonCode.AVRO_MALFORMED, "Avro data does not decode: " + e);
        }
    }

    /** The schemas module's deserializer says what is wrong in its message's first words. */
    static ReasonCode avroReason(final String message) {
        final String m = message == null ? "" : message;
        if (m.startsWith("Unknown schema id")) {
            return ReasonCode.AVRO_UNKNOWN_SCHEMA;
        }
        if (m.startsWith("Cannot fetch schema id")) {
            return ReasonCode.SCHEMA_REGISTRY_UNAVAILABLE;
        }
        if (m.contains("cannot be read as") || m.contains("is not a valid Avro schema")) {
            return ReasonCode.AVRO_INCOMPATIBLE_SCHEMA;
        }
        if (m.startsWith("Truncated")) {
            return ReasonCode.AVRO_TRUNCATED;
        }
        return ReasonCode.AVRO_MALFORMED;
    }

    private static String printable(final byte[] value, final int from) {
        final String text = new String(value, from, Math.min(40, value.length - from), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private static int firstNonBlank(final byte[] value) {
        for (int i = 0; i < value.length; i++) {
            final int c = value[i] & 0xff;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                // A UTF-8 byte order mark is not content either.
                if (c == 0xEF && i + 2 < value.length && (value[i + 1] & 0xff) == 0xBB && (value[i + 2] & 0xff) == 0xBF) {
                    i += 2;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }
}
