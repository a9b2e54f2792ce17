package io.streamscale.cli.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * docs/CONFIGURATION.md, written from the same ConfigDefs that validate the settings, so the
 * reference cannot drift from the code ({@code ./streamscale config-docs > docs/CONFIGURATION.md}).
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /** @param sections section title to the ConfigDef of that section, in order */
    public static String markdown(final Map<String, ConfigDef> sections) {
        final StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
           .append("Generated from the code's ConfigDefs by `./streamscale config-docs`; do not edit by hand.\n\n")
           .append("Settings come from a properties file (`--config FILE`), then environment variables ")
           .append("(`STREAMSCALE_` + the key in upper case with dots as underscores, e.g. `STREAMSCALE_BOOTSTRAP_SERVERS`), ")
           .append("then command-line options; later ones win. Unknown keys and invalid values stop start-up with a message naming the key. ")
           .append("Keys starting with `kafka.` are passed to every Kafka client without the prefix (e.g. `kafka.security.protocol=SSL`).\n");
        sections.forEach((title, def) -> {
            out.append("\n## ").append(title).append("\n\n| key | type | default | valid values | description |\n| --- | --- | --- | --- | --- |\n");
            final List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream().toList();
            for (final ConfigDef.ConfigKey key : keys) {
                out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase(java.util.Locale.ROOT))
                   .append(" | ").append(defaultOf(key)).append(" | ")
                   .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                   .append(cell(key.documentation)).append(" |\n");
            }
        });
        out.append("\n## Signals (`streamscale signals`)\n\n")
           .append("The `signals.*` keys (window size and grace, trend look-back, forecast horizon and smoothing, histogram range, ")
           .append("idle handling) are read and validated by the signals module; their table, with defaults, is in ")
           .append("[SIGNALS.md](SIGNALS.md#configuration). A bad value stops start-up with a message naming the key.\n");
        return out.toString();
    }

    private static String defaultOf(final ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        final String text = ConfigDef.convertToString(key.defaultValue, key.type);
        // The state directory default depends on the machine; say what it is rather than where it was generated.
        return text.isEmpty() ? "\"\"" : "`" + text.replace(System.getProperty("java.io.tmpdir"), "${java.io.tmpdir}") + "`";
    }

    private static String cell(final String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
