package io.streamscale.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.cli.ConfigDocsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference in docs/ is the one the code generates: it cannot drift. */
class ConfigurationDocTest {

    @Test
    void docsConfigurationMdIsUpToDate() throws Exception {
        final Path doc = Path.of("..", "docs", "CONFIGURATION.md");
        final String generated = ConfigDocs.markdown(ConfigDocsCommand.sections());

        assertThat(Files.readString(doc))
                .as("docs/CONFIGURATION.md is stale: run ./streamscale config-docs > docs/CONFIGURATION.md")
                .isEqualTo(generated);
    }
}
