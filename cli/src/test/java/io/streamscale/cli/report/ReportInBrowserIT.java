package io.streamscale.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html opened in a real browser (Debian's headless Chromium) draws every chart. */
class ReportInBrowserIT {

    @TempDir
    Path dir;

    @Test
    void rendersFourChartsPerEndpointAndTheDeadLetterChart() throws Exception {
        final Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium not installed: `apt-get install -y chromium` (.ci/run does it); report not checked in a browser");
        final Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.render("StreamScale report", "two endpoints", List.of(
                new HtmlReport.EndpointSeries("fraud-model/AllTraffic", ReportFixtures.ramp("fraud-model", 40),
                        List.of(ReportFixtures.decision("fraud-model", 1_700_000_200_000L, 2, 4, "p95 412 ms > 300 ms for 30 s")), 300.0),
                new HtmlReport.EndpointSeries("chat-model/AllTraffic", ReportFixtures.ramp("chat-model", 40), List.of(), null)),
                Map.of("INVALID_JSON", 3L, "LATENCY_NEGATIVE", 1L), JsonNodeFactory.instance.objectNode()));

        final String dom = chromium.get().dumpDom(page);

        assertThat(dom).contains("data-charts-rendered=\"9\"");
        assertThat(dom).contains("data-endpoint=\"fraud-model/AllTraffic\"", "data-endpoint=\"chat-model/AllTraffic\"");
        assertThat(dom.split("<canvas", -1)).hasSize(1 + 9);
    }
}
