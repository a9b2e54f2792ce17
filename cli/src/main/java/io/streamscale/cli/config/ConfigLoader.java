package io.streamscale.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Merges the three places settings come from, later ones winning: a properties file, environment
 * variables ({@code STREAMSCALE_SCHEMA_REGISTRY_URL} sets {@code schema.registry.url}:
 * upper case, dots as underscores), and command-line options. Keys nobody defines are refused, so a
 * typo fails start-up instead of being ignored.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "STREAMSCALE_";
    /** Environment variables with this prefix that are not settings (the launcher's own). */
    private static final Set<String> NOT_SETTINGS = Set.of("STREAMSCALE_JAVA_OPTS", "STREAMSCALE_LOG_LEVEL",
            "STREAMSCALE_ROOT_LOG_LEVEL", "STREAMSCALE_LOG_FORMAT");

    private ConfigLoader() {
    }

    /**
     * @param file      a properties file, or null
     * @param env       the environment ({@code System.getenv()})
     * @param overrides values from command-line options (null values are ignored)
     * @param known     every key the service defines (its ConfigDefs' names)
     */
    public static Map<String, Object> load(final Path file, final Map<String, String> env,
                                           final Map<String, ?> overrides, final Set<String> known) {
        return load(file, env, overrides, known, Set.of());
    }

    /**
     * As {@link #load(Path, Map, Map, Set)}, also letting through keys under {@code sections}
     * (such as {@code signals.}), which the module owning that section validates by name.
     */
    public static Map<String, Object> load(final Path file, final Map<String, String> env,
                                           final Map<String, ?> overrides, final Set<String> known, final Set<String> sections) {
        final Set<String> accepted = new java.util.HashSet<>(known);
        if (!sections.isEmpty()) {
            return loadChecked(file, env, overrides, key -> accepted.contains(key) || sections.stream().anyMatch(key::startsWith), accepted);
        }
        return loadChecked(file, env, overrides, accepted::contains, accepted);
    }

    private static Map<String, Object> loadChecked(final Path file, final Map<String, String> env, final Map<String, ?> overrides,
                                                   final java.util.function.Predicate<String> isKnown, final Set<String> known) {
        final Map<String, Object> values = new LinkedHashMap<>();
        if (file != null) {
            final Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
            }
            props.stringPropertyNames().forEach(k -> values.put(check(k.trim(), isKnown, known, "in " + file), props.getProperty(k).trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !NOT_SETTINGS.contains(name)) {
                final String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(check(key, isKnown, known, "from environment variable " + name), value);
            }
        });
        overrides.forEach((k, v) -> {
            if (v != null) {
                values.put(check(k, isKnown, known, "from the command line"), v);
            }
        });
        return values;
    }

    private static String check(final String key, final java.util.function.Predicate<String> isKnown, final Set<String> known,
                                final String where) {
        if (!isKnown.test(key) && !key.startsWith(StreamScaleConfig.KAFKA_PASSTHROUGH_PREFIX)) {
            throw new ConfigException("Unknown configuration key '" + key + "' " + where
                    + " (known keys: " + String.join(", ", new java.util.TreeSet<>(known)) + "; kafka.* keys go to Kafka clients)");
        }
        return key;
    }
}
