package io.streamscale.ingest.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.registry.SchemaRegistry;
import io.streamscale.schemas.serde.SpecificAvroSerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw-input corpus under {@code src/test/resources/corpus}: one JSON object a line describing a
 * raw record (text with placeholders, hex bytes, or an Avro RequestLog with a frame mutation) and the
 * verdict ingest must reach. Times are relative to now ({@code ${NOW}}), so the corpus never ages.
 *
 * <p>Placeholders: {@code ${NOW}} epoch ms, {@code ${NOW_S}} epoch seconds, {@code ${NOW_US}} epoch µs,
 * {@code ${NOW_ISO}} ISO-8601, {@code ${ID}} a fresh request id, {@code ${PAD_n}} n letters,
 * {@code ${NEST_n}} n nested JSON arrays.
 */
public final class Corpus {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+?)(?:_(\\d+))?}");

    /** One raw record to publish and what must become of it ({@code expect} is a ReasonCode name or ACCEPTED). */
    public record Entry(String kind, String expect, byte[] key, byte[] value, String requestId) {
        public boolean valid() {
            return "ACCEPTED".equals(expect);
        }
    }

    private final SchemaRegistry registry;
    private final String rawTopic;

    public Corpus(final SchemaRegistry registry, final String rawTopic) {
        this.registry = registry;
        this.rawTopic = rawTopic;
    }

    /** The entries of a corpus file; lines without {@code expect} are valid records. */
    public List<Entry> load(final String resource, final long nowMs, final String idPrefix) {
        final List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Corpus.class.getClassLoader().getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    entries.add(entry(MAPPER.readTree(line), nowMs, idPrefix + "-" + entries.size()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private Entry entry(final JsonNode spec, final long nowMs, final String id) {
        final String kind = spec.get("kind").asText();
        final String expect = spec.has("expect") ? spec.get("expect").asText() : "ACCEPTED";
        final byte[] key = spec.path("nullKey").asBoolean() ? null
                : (spec.has("key") ? spec.get("key").asText() : "fraud-model/AllTraffic").getBytes(StandardCharsets.UTF_8);
        final byte[] value;
        if (spec.path("nullValue").asBoolean()) {
            value = null;
        } else if (spec.has("hex")) {
            value = HexFormat.of().parseHex(spec.get("hex").asText());
        } else if (spec.has("text")) {
            value = expand(spec.get("text").asText(), nowMs, id).getBytes(StandardCharsets.UTF_8);
        } else if (spec.has("avro")) {
            value = mutate(avro(spec.get("avro"), nowMs, id), spec.path("frame"));
        } else if (spec.path("avroOtherSchema").asBoolean()) {
            final int schemaId = registry.register(rawTopic + "-other-value", EndpointSignals.getClassSchema());
            value = new byte[] {0, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId, 2, 'e', 2, 'v'};
        } else {
            throw new IllegalArgumentException("corpus entry " + kind + " has no value");
        }
        return new Entry(kind, expect, key, value, id);
    }

    private byte[] avro(final JsonNode fields, final long nowMs, final String id) {
        final RequestLog log = RequestLog.newBuilder()
                .setEndpoint(fields.get("endpoint").asText())
                .setVariant(fields.path("variant").asText("AllTraffic"))
                .setRequestId(expand(fields.path("requestId").asText(id), nowMs, id))
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setModelLatencyMicros(5_000)
                .setOverheadLatencyMicros(300)
                .build();
        return new SpecificAvroSerializer<RequestLog>(RequestLog.getClassSchema(), registry, false).serialize(rawTopic, log);
    }

    private static byte[] mutate(final byte[] frame, final JsonNode mutation) {
        byte[] bytes = frame;
        if (mutation.has("magic")) {
            bytes[0] = (byte) mutation.get("magic").asInt();
        }
        if (mutation.has("schemaId")) {
            final int schemaId = mutation.get("schemaId").asInt();
            bytes[1] = (byte) (schemaId >>> 24);
            bytes[2] = (byte) (schemaId >>> 16);
            bytes[3] = (byte) (schemaId >>> 8);
            bytes[4] = (byte) schemaId;
        }
        if (mutation.has("setByte")) {
            bytes[mutation.get("setByte").get(0).asInt()] = (byte) mutation.get("setByte").get(1).asInt();
        }
        if (mutation.has("dropLast")) {
            bytes = Arrays.copyOf(bytes, bytes.length - mutation.get("dropLast").asInt());
        }
        if (mutation.has("append")) {
            bytes = Arrays.copyOf(bytes, bytes.length + mutation.get("append").asInt());
        }
        return bytes;
    }

    static String expand(final String text, final long nowMs, final String id) {
        final Matcher m = PLACEHOLDER.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            final String name = m.group(1);
            final int n = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            final String replacement = switch (name) {
                case "NOW" -> m.group(2) == null ? Long.toString(nowMs) : null;
                case "NOW_S" -> Long.toString(nowMs / 1000);
                case "NOW_US" -> Long.toString(nowMs * 1000);
                case "NOW_ISO" -> Instant.ofEpochMilli(nowMs).toString();
                case "ID" -> id;
                case "PAD" -> "x".repeat(n);
                case "NEST" -> "[".repeat(n) + "]".repeat(n);
                default -> null;
            };
            if (replacement == null) {
                throw new IllegalArgumentException("unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
