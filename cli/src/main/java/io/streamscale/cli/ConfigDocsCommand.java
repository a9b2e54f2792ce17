package io.streamscale.cli;

import io.streamscale.cli.config.ConfigDocs;
import io.streamscale.cli.config.StreamScaleConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;

/** Prints the configuration reference (docs/CONFIGURATION.md) from the ConfigDefs that validate settings. */
@Command(name = "config-docs", mixinStandardHelpOptions = true,
        description = "Print the configuration reference in Markdown, generated from the code.")
public final class ConfigDocsCommand implements Callable<Integer> {

    /** Every section of settings, in the order the reference lists them. */
    public static Map<String, ConfigDef> sections() {
        final Map<String, ConfigDef> sections = new LinkedHashMap<>();
        sections.put("Common (every service)", StreamScaleConfig.CONFIG_DEF);
        sections.put("Ingest (`streamscale ingest`)", io.streamscale.ingest.IngestConfig.CONFIG_DEF);
        return sections;
    }

    @Override
    public Integer call() {
        System.out.print(ConfigDocs.markdown(sections()));
        return 0;
    }
}
