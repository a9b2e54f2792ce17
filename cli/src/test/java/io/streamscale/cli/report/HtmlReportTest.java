package io.streamscale.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final String html = HtmlReport.render("StreamScale demo", "trace: test", List.of(
            new HtmlReport.EndpointSeries("fraud-model/AllTraffic", ReportFixtures.ramp("fraud-model", 30),
                    List.of(ReportFixtures.decision("fraud-model", 1_700_000_150_000L, 2, 4,
                            "p95 412 ms > 300 ms for 30 s; target tracking 2→4 </script>")), 300.0)),
            Map.of("INVALID_JSON", 3L), JsonNodeFactory.instance.objectNode().put("accepted", 10));

    @Test
    void isSelfContained() {
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "/*CHART_JS*/", "/*DATA*/");
        assertThat(html).contains("Chart.js v4.5.1");
    }

    @Test
    void carriesEveryWindowAndDecisionReasonButNoHistogramBytes() {
        assertThat(html).contains("\"key\":\"fraud-model/AllTraffic\"", "\"p95Target\":300.0", "p95 412 ms > 300 ms for 30 s",
                "\"INVALID_JSON\":3");
        assertThat(html).doesNotContain("latencyHistogram");
    }

    @Test
    void dataCannotCloseItsScriptElement() {
        assertThat(html).contains("target tracking 2→4 <\\/script>");
    }
}
