package io.streamscale.ingest.normalise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.schemas.EndpointKey;
import java.util.List;
import java.util.Optional;

/**
 * A best-effort {@code endpoint/variant} key for a raw value, for publishers of raw lines (such as
 * {@code streamscale replay --raw}) that want one endpoint variant's records in one partition, so
 * ingest sees them in order. Reads the same field names as ingest; anything unreadable has no key.
 */
public final class RawKeys {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawKeys() {
    }

    public static Optional<String> keyOf(final byte[] value) {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        try {
            final JsonNode node = MAPPER.readTree(value);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            final String endpoint = first(node, JsonAliases.ENDPOINT);
            if (endpoint == null || endpoint.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(EndpointKey.of(endpoint, first(node, JsonAliases.VARIANT)));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String first(final JsonNode node, final List<String> names) {
        for (final String name : names) {
            final JsonNode value = node.get(name);
            if (value != null && value.isTextual()) {
                return value.textValue();
            }
        }
        return null;
    }
}
