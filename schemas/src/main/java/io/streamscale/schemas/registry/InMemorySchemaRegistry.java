package io.streamscale.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry held in memory, with Confluent's semantics: global ids shared across subjects
 * (the same schema gets the same id everywhere), versions per subject starting at 1, and a
 * compatibility level (BACKWARD by default, as Confluent's) checked against the latest version.
 *
 * <p>It backs {@code mock://scope} URLs (as Confluent's serdes offer for tests) and the embedded
 * registry's REST server.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    /** Registered schema: subject, version, global id. */
    public record Registered(String subject, int version, int id, Schema schema) { }

    /** Compatibility levels this registry enforces (the transitive ones check every version). */
    public enum Compatibility { NONE, BACKWARD, FORWARD, FULL, BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE }

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> schemasById = new TreeMap<>();
    private final Map<Schema, Integer> idsBySchema = new java.util.HashMap<>();
    private final Map<String, List<Registered>> versionsBySubject = new TreeMap<>();
    private final Map<String, Compatibility> subjectCompatibility = new TreeMap<>();
    private Compatibility globalCompatibility = Compatibility.BACKWARD;
    private final String location;

    public InMemorySchemaRegistry(final String location) {
        this.location = location;
    }

    /** The registry behind {@code mock://scope}: one per scope per JVM, as Confluent's mock registry. */
    public static InMemorySchemaRegistry forScope(final String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry("mock://" + s));
    }

    /** Forgets a {@code mock://} scope, so a test can start clean. */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final Optional<Registered> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        checkCompatible(subject, schema);
        final int id = idsBySchema.computeIfAbsent(schema, s -> {
            final int next = schemasById.size() + 1;
            schemasById.put(next, s);
            return next;
        });
        final List<Registered> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        versions.add(new Registered(subject, versions.size() + 1, id, schema));
        return id;
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        return lookup(subject, schema).map(Registered::id).orElseThrow(() -> new SchemaRegistryException(
                SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found under subject " + subject));
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public String location() {
        return location;
    }

    /** The version of {@code schema} under {@code subject}, if registered there. */
    public synchronized Optional<Registered> lookup(final String subject, final Schema schema) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(r -> r.schema().equals(schema)).findFirst();
    }

    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    public synchronized List<Registered> versions(final String subject) {
        final List<Registered> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return List.copyOf(versions);
    }

    /** {@code version} may be a number or "latest". */
    public synchronized Registered version(final String subject, final String version) {
        final List<Registered> versions = versions(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        final int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(42202, "The specified version '" + version + "' is not a valid version id.");
        }
        if (number < 1 || number > versions.size()) {
            throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        return versions.get(number - 1);
    }

    public synchronized Compatibility compatibility(final String subject) {
        return subject == null ? globalCompatibility : subjectCompatibility.getOrDefault(subject, globalCompatibility);
    }

    public synchronized void setCompatibility(final String subject, final Compatibility level) {
        if (subject == null) {
            globalCompatibility = level;
        } else {
            subjectCompatibility.put(subject, level);
        }
    }

    /** True when {@code schema} may be registered next under {@code subject}. */
    public synchronized boolean isCompatible(final String subject, final Schema schema) {
        final List<Registered> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return true;
        }
        final Compatibility level = compatibility(subject);
        final List<Registered> against = level.name().endsWith("TRANSITIVE")
                ? versions : List.of(versions.get(versions.size() - 1));
        for (final Registered old : against) {
            final boolean backward = canRead(schema, old.schema());
            final boolean forward = canRead(old.schema(), schema);
            final boolean ok = switch (level) {
                case NONE -> true;
                case BACKWARD, BACKWARD_TRANSITIVE -> backward;
                case FORWARD, FORWARD_TRANSITIVE -> forward;
                case FULL, FULL_TRANSITIVE -> backward && forward;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void checkCompatible(final String subject, final Schema schema) {
        if (!isCompatible(subject, schema)) {
            throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" (compatibility " + compatibility(subject) + ")");
        }
    }

    private static boolean canRead(final Schema reader, final Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
