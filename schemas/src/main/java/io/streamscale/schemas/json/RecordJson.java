package io.streamscale.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON of a StreamScale record, as the {@code *.jsonl} outputs and the watch tools show it:
 * field names as in the schema (camelCase), times in epoch milliseconds, unions as their value (not
 * Avro's {@code {"int": 5}} wrapping), bytes in Base64, NaN and infinities as null.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    public static ObjectNode toJson(final IndexedRecord record) {
        final ObjectNode node = NODES.objectNode();
        for (final Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    /** One line of JSON, no trailing newline. */
    public static String toLine(final IndexedRecord record) {
        try {
            return MAPPER.writeValueAsString(toJson(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + record.getSchema().getFullName() + " as JSON", e);
        }
    }

    private static JsonNode value(final Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord nested) {
            return toJson(nested);
        }
        if (value instanceof Instant instant) {
            return NODES.numberNode(instant.toEpochMilli());
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? NODES.nullNode() : NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? NODES.nullNode() : NODES.numberNode(f);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof GenericEnumSymbol<?> symbol) {
            return NODES.textNode(symbol.toString());
        }
        if (value instanceof ByteBuffer buffer) {
            final ByteBuffer copy = buffer.duplicate();
            final byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Map<?, ?> map) {
            final ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(k.toString(), value(v)));
            return node;
        }
        if (value instanceof Collection<?> items) {
            final ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        return NODES.textNode(value.toString());
    }
}
