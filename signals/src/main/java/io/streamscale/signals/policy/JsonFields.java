package io.streamscale.signals.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object by name, keeping the path for error messages and the names it
 * was asked about, so that {@link #rejectUnknown()} can name any field nobody expected (a typo such as
 * {@code TargetValu} must not silently become a default).
 */
final class JsonFields {

    private final ObjectNode node;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(final ObjectNode node, final String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code node}, which must be a JSON object. */
    static JsonFields of(final JsonNode node, final String path) {
        if (node == null || !node.isObject()) {
            throw new PolicyValidationException(path, "must be a JSON object, not " + describe(node));
        }
        return new JsonFields((ObjectNode) node, path);
    }

    String path() {
        return path;
    }

    String pathOf(final String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(final String name) {
        known.add(name);
        final JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** Marks fields that are accepted (AWS prints them) but carry nothing StreamScale uses. */
    void ignore(final String... names) {
        known.addAll(List.of(names));
    }

    String requireText(final String name) {
        final JsonNode value = require(name);
        if (!value.isTextual()) {
            throw new PolicyValidationException(pathOf(name), "must be a string, not " + describe(value));
        }
        return value.asText();
    }

    String text(final String name, final String absent) {
        return has(name) ? requireText(name) : absent;
    }

    int requireInt(final String name) {
        final JsonNode value = require(name);
        if (!value.isNumber() || !value.canConvertToInt() || value.asDouble() != Math.rint(value.asDouble())) {
            throw new PolicyValidationException(pathOf(name), "must be a whole number, not " + describe(value));
        }
        return value.asInt();
    }

    Integer optInt(final String name) {
        return has(name) ? requireInt(name) : null;
    }

    int intOr(final String name, final int absent) {
        return has(name) ? requireInt(name) : absent;
    }

    double requireDouble(final String name) {
        final JsonNode value = require(name);
        if (!value.isNumber()) {
            throw new PolicyValidationException(pathOf(name), "must be a number, not " + describe(value));
        }
        final double d = value.asDouble();
        if (!Double.isFinite(d)) {
            throw new PolicyValidationException(pathOf(name), "must be a finite number");
        }
        return d;
    }

    Double optDouble(final String name) {
        return has(name) ? requireDouble(name) : null;
    }

    boolean boolOr(final String name, final boolean absent) {
        if (!has(name)) {
            return absent;
        }
        final JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw new PolicyValidationException(pathOf(name), "must be true or false, not " + describe(value));
        }
        return value.asBoolean();
    }

    /**
     * A point in time: an ISO-8601 date-time with an offset ({@code 2026-12-01T00:00:00Z},
     * {@code 2026-12-01T00:00:00+00:00}), one without an offset read as UTC (as AWS reads StartTime and
     * EndTime), or a number of epoch seconds (as AWS's JSON API returns them).
     */
    Instant optInstant(final String name) {
        if (!has(name)) {
            return null;
        }
        final JsonNode value = node.get(name);
        if (value.isNumber()) {
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }
        if (value.isTextual()) {
            final String text = value.asText().trim();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (final DateTimeParseException withoutOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (final DateTimeParseException e) {
                    throw new PolicyValidationException(pathOf(name),
                            "'" + text + "' is not a date and time such as 2026-12-01T00:00:00Z");
                }
            }
        }
        throw new PolicyValidationException(pathOf(name), "must be a date and time string, not " + describe(value));
    }

    /** A point in time as whole epoch milliseconds (StreamScale's own times), or as an ISO-8601 string. */
    Instant optEpochMillis(final String name) {
        if (!has(name)) {
            return null;
        }
        final JsonNode value = node.get(name);
        if (value.isNumber()) {
            if (!value.canConvertToLong() || value.asDouble() != Math.rint(value.asDouble())) {
                throw new PolicyValidationException(pathOf(name), "must be whole epoch milliseconds, not " + describe(value));
            }
            return Instant.ofEpochMilli(value.asLong());
        }
        return optInstant(name);
    }

    <E extends Enum<E>> E requireEnum(final String name, final Class<E> type) {
        final String text = requireText(name);
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new PolicyValidationException(pathOf(name), "'" + text + "' is not one of " + names(type));
    }

    JsonFields object(final String name) {
        return of(require(name), pathOf(name));
    }

    JsonFields optObject(final String name) {
        return has(name) ? object(name) : null;
    }

    /** Each element of the array {@code name} read by {@code element}; an absent array is empty. */
    <T> List<T> array(final String name, final Function<JsonFields, T> element) {
        if (!has(name)) {
            return new ArrayList<>();
        }
        final JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw new PolicyValidationException(pathOf(name), "must be a JSON array, not " + describe(value));
        }
        final List<T> out = new ArrayList<>();
        final ArrayNode array = (ArrayNode) value;
        for (int i = 0; i < array.size(); i++) {
            out.add(element.apply(of(array.get(i), pathOf(name) + "[" + i + "]")));
        }
        return out;
    }

    /** The strings of the array {@code name}; empty when absent; elements that are not strings are skipped. */
    List<String> texts(final String name) {
        final List<String> out = new ArrayList<>();
        known.add(name);
        final JsonNode value = node.get(name);
        if (value != null && value.isArray()) {
            value.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }

    /** Fails naming the first field that no reader asked for. */
    void rejectUnknown() {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                throw new PolicyValidationException(pathOf(name), "unknown field '" + name + "'; expected one of " + known);
            }
        }
    }

    private JsonNode require(final String name) {
        known.add(name);
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new PolicyValidationException(pathOf(name), "is required");
        }
        return value;
    }

    static String describe(final JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.toString();
    }

    private static <E extends Enum<E>> String names(final Class<E> type) {
        final List<String> out = new ArrayList<>();
        for (final E constant : type.getEnumConstants()) {
            out.add(constant.name());
        }
        return String.join(", ", out);
    }
}
