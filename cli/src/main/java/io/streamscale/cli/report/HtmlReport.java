package io.streamscale.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScalingDecision;
import io.streamscale.schemas.json.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML report: per endpoint, rps and its forecast, p95 against the target, queue
 * depth, capacity with every decision marked (its reason on hover), and dead letters by reason.
 * Chart.js is read from its WebJar and inlined, so the page needs no network to open.
 */
public final class HtmlReport {

    /** Where the WebJar keeps Chart.js's self-contained browser build. */
    static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    private static final String TEMPLATE = "io/streamscale/cli/report/report.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One endpoint variant's windows and decisions, in time order; {@code p95Target} may be null. */
    public record EndpointSeries(String key, List<EndpointSignals> signals, List<ScalingDecision> decisions, Double p95Target) {

        /** Groups windows and decisions by endpoint variant, in key order; per-model windows are left out. */
        public static List<EndpointSeries> byEndpoint(final List<EndpointSignals> signals, final List<ScalingDecision> decisions,
                                                      final Map<String, ScalingPolicy> policies) {
            final Map<String, List<EndpointSignals>> windows = new java.util.TreeMap<>();
            signals.stream().filter(s -> s.getTargetModel() == null).forEach(s -> windows
                    .computeIfAbsent(EndpointKey.of(s.getEndpoint(), s.getVariant()), k -> new java.util.ArrayList<>()).add(s));
            final Map<String, List<ScalingDecision>> byKey = new java.util.HashMap<>();
            decisions.forEach(d -> byKey.computeIfAbsent(EndpointKey.of(d.getEndpoint(), d.getVariant()), k -> new java.util.ArrayList<>()).add(d));
            return windows.entrySet().stream().map(e -> new EndpointSeries(e.getKey(),
                    e.getValue().stream().sorted(java.util.Comparator.comparing(EndpointSignals::getWindowStart)).toList(),
                    byKey.getOrDefault(e.getKey(), List.of()),
                    RunSummary.p95Target(policies.get(e.getKey())).orElse(null))).toList();
        }
    }

    private HtmlReport() {
    }

    public static String render(final String title, final String subtitle, final List<EndpointSeries> endpoints,
                                final Map<String, Long> deadLettersByReason, final JsonNode summary) {
        final ObjectNode data = JSON.createObjectNode();
        data.put("title", title);
        data.put("subtitle", subtitle);
        data.set("summary", summary);
        final ArrayNode series = data.putArray("endpoints");
        for (final EndpointSeries endpoint : endpoints) {
            final ObjectNode node = series.addObject();
            node.put("key", endpoint.key());
            if (endpoint.p95Target() != null) {
                node.put("p95Target", endpoint.p95Target());
            }
            final ArrayNode windows = node.putArray("signals");
            endpoint.signals().forEach(s -> windows.add(withoutHistogram(RecordJson.toJson(s))));
            final ArrayNode decisions = node.putArray("decisions");
            endpoint.decisions().forEach(d -> decisions.add(RecordJson.toJson(d)));
        }
        final ObjectNode deadLetters = data.putObject("deadLetters");
        deadLettersByReason.forEach(deadLetters::put);

        final String dataJson;
        try {
            // "</" would end the script element early; JSON allows the escaped form.
            dataJson = JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the report data", e);
        }
        return resource(TEMPLATE).replace("/*CHART_JS*/", resource(CHART_JS)).replace("/*DATA*/", dataJson);
    }

    private static ObjectNode withoutHistogram(final ObjectNode window) {
        window.remove("latencyHistogram");
        return window;
    }

    private static String resource(final String path) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path + " (is the Chart.js WebJar on the classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resource " + path, e);
        }
    }
}
