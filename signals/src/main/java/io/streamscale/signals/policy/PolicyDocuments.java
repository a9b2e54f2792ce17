package io.streamscale.signals.policy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.streamscale.schemas.ScalingPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy documents, the JSON form of {@link ScalingPolicy} that people write, paste and read
 * (docs/POLICIES.md): AWS's own sub-documents under AWS's field names, StreamScale's fields in
 * camelCase, {@code //} and block comments allowed, unknown and duplicate fields refused.
 *
 * <p>{@link #parse} and {@link #parseAll} return only policies that {@link PolicyValidator} accepts;
 * every failure is a {@link PolicyValidationException} naming the field.
 */
public final class PolicyDocuments {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private PolicyDocuments() {
    }

    /** One policy document, parsed and validated. */
    public static ScalingPolicy parse(final String json) {
        final JsonNode root = tree(json);
        if (root.isArray()) {
            throw new PolicyValidationException("", "expected one policy document (a JSON object), found an array; use parseAll for several");
        }
        return parseDocument(root, "");
    }

    /** One policy document or a JSON array of them, each parsed and validated; problems are named {@code [i].field}. */
    public static List<ScalingPolicy> parseAll(final String json) {
        final JsonNode root = tree(json);
        if (!root.isArray()) {
            return List.of(parseDocument(root, ""));
        }
        final List<ScalingPolicy> policies = new ArrayList<>();
        final List<PolicyProblem> problems = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                policies.add(parseDocument(root.get(i), ""));
            } catch (final PolicyValidationException e) {
                problems.addAll(e.under("[" + i + "]").problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        return List.copyOf(policies);
    }

    /** The policy as a pretty-printed document that {@link #parse} reads back to an equal record. */
    public static String toJson(final ScalingPolicy policy) {
        return write(PolicyJsonWriter.write(policy));
    }

    /** Several policies as a JSON array of documents that {@link #parseAll} reads back. */
    public static String toJson(final List<ScalingPolicy> policies) {
        final ArrayNode array = MAPPER.createArrayNode();
        policies.forEach(p -> array.add(PolicyJsonWriter.write(p)));
        return write(array);
    }

    /** Structure only, no value checks: for tests of the validator and for tools that report problems themselves. */
    static ScalingPolicy read(final String json) {
        return PolicyJsonReader.read(JsonFields.of(tree(json), ""));
    }

    private static ScalingPolicy parseDocument(final JsonNode node, final String path) {
        final ScalingPolicy policy = PolicyJsonReader.read(JsonFields.of(node, path));
        PolicyValidator.validate(policy);
        return policy;
    }

    static JsonNode tree(final String json) {
        if (json == null || json.isBlank()) {
            throw new PolicyValidationException("", "the policy document is empty");
        }
        try {
            return MAPPER.readTree(json);
        } catch (final JsonParseException e) {
            throw new PolicyValidationException("", "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (final JsonProcessingException e) {
            throw new PolicyValidationException("", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String write(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
