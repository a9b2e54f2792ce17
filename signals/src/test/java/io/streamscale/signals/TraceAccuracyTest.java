package io.streamscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.registry.InMemorySchemaRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Accuracy over a real trace: 3,000 requests of the Azure LLM code trace (2023, CC-BY 4.0, see
 * src/test/resources/traces/PROVENANCE.md), arrivals exactly as recorded, latency from a fixed token
 * service model. The test computes each window's exact count and nearest-rank p50/p95/p99 itself; the
 * topology must match the counts exactly and the percentiles within 1 %.
 */
class TraceAccuracyTest {

    static final String TRACE = "/traces/azure-llm-2023-code-slice.csv";
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
    static final long WINDOW_MS = 10_000;

    final String scope = "accuracy-" + UUID.randomUUID();

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void countsAreExactAndPercentilesWithinOnePercentOfNearestRank() throws IOException {
        final List<RequestLog> requests = readTrace();
        assertThat(requests).hasSize(3000);

        // Exact: every request's latency, by window.
        final Map<Long, List<Long>> exact = new TreeMap<>();
        for (final RequestLog r : requests) {
            final long ts = r.getTimestamp().toEpochMilli();
            exact.computeIfAbsent(ts - Math.floorMod(ts, WINDOW_MS), w -> new ArrayList<>())
                    .add(r.getModelLatencyMicros() + r.getOverheadLatencyMicros());
        }

        final List<EndpointSignals> all = runTopology(requests);
        final long lastStart = ((TreeMap<Long, List<Long>>) exact).lastKey();
        // After the trace's last window come zero windows until the sentinel's stream time.
        assertThat(all.stream().filter(w -> w.getWindowStart().toEpochMilli() > lastStart)).isNotEmpty()
                .allSatisfy(w -> assertThat(w.getCount()).isZero());
        final List<EndpointSignals> windows = all.stream().filter(w -> w.getWindowStart().toEpochMilli() <= lastStart).toList();

        final long first = exact.keySet().iterator().next();
        final long last = lastStart;
        assertThat(windows).extracting(w -> w.getWindowStart().toEpochMilli())
                .as("one window per 10 s from the first request to the last, quiet ones included")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, (last - first) / WINDOW_MS)
                        .mapToObj(i -> first + i * WINDOW_MS).toList());
        int compared = 0;
        for (final EndpointSignals window : windows) {
            final List<Long> latencies = exact.getOrDefault(window.getWindowStart().toEpochMilli(), List.of());
            assertThat(window.getCount()).as("count of %s", window.getWindowStart()).isEqualTo(latencies.size());
            if (latencies.isEmpty()) {
                continue;
            }
            final long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            assertWithinOnePercent(window.getP50LatencyMs(), nearestRankMs(sorted, 50), "p50", window);
            assertWithinOnePercent(window.getP95LatencyMs(), nearestRankMs(sorted, 95), "p95", window);
            assertWithinOnePercent(window.getP99LatencyMs(), nearestRankMs(sorted, 99), "p99", window);
            assertThat(window.getMaxLatencyMs()).isEqualTo(sorted[sorted.length - 1] / 1000.0);
            compared++;
        }
        // The trace is bursty: about 40 of its 109 windows hold requests, the rest are zero windows.
        assertThat(compared).isGreaterThan(30);
        assertThat(windows.stream().mapToLong(EndpointSignals::getCount).sum()).isEqualTo(3000);
    }

    /** Nearest rank: the value at rank ceil(p/100 · n), 1-based, in integer arithmetic. */
    static double nearestRankMs(final long[] sorted, final int percentile) {
        final long rank = Math.max(1, (percentile * (long) sorted.length + 99) / 100);
        return sorted[(int) rank - 1] / 1000.0;
    }

    static void assertWithinOnePercent(final double actual, final double exact, final String what, final EndpointSignals w) {
        assertThat(Math.abs(actual - exact)).as("%s of window %s (%d requests): %s vs exact %s", what, w.getWindowStart(),
                w.getCount(), actual, exact).isLessThanOrEqualTo(exact * 0.01);
    }

    private List<EndpointSignals> runTopology(final List<RequestLog> requests) {
        final Topics topics = new Topics("", Map.of("schema.registry.url", "mock://" + scope));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "signals-accuracy");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(SignalTopology.build(topics, SignalConfig.DEFAULTS), props)) {
            final TestInputTopic<String, RequestLog> in = driver.createInputTopic(topics.requestLogs().name(),
                    topics.requestLogs().keySerde().serializer(), topics.requestLogs().valueSerde().serializer());
            final TestOutputTopic<String, EndpointSignals> out = driver.createOutputTopic(topics.signals().name(),
                    topics.signals().keySerde().deserializer(), topics.signals().valueSerde().deserializer());
            for (final RequestLog r : requests) {
                in.pipeInput("azure-code/AllTraffic", r, r.getTimestamp());
            }
            // Another endpoint's request an hour later moves stream time past every window of the trace.
            final RequestLog sentinel = Requests.request("sentinel", requests.get(requests.size() - 1).getTimestamp()
                    .toEpochMilli() + 60_000, 1);
            in.pipeInput("sentinel/AllTraffic", sentinel, sentinel.getTimestamp());
            return out.readValuesToList().stream().filter(s -> s.getEndpoint().equals("azure-code")).toList();
        }
    }

    static List<RequestLog> readTrace() throws IOException {
        final List<RequestLog> requests = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                TraceAccuracyTest.class.getResourceAsStream(TRACE), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("TIMESTAMP,ContextTokens,GeneratedTokens");
            String line;
            while ((line = reader.readLine()) != null) {
                final String[] cols = line.split(",");
                final Instant arrival = LocalDateTime.parse(cols[0], TIMESTAMP).toInstant(ZoneOffset.UTC);
                final long contextTokens = Long.parseLong(cols[1]);
                final long generatedTokens = Long.parseLong(cols[2]);
                requests.add(RequestLog.newBuilder().setEndpoint("azure-code").setVariant("AllTraffic")
                        .setRequestId("azure-" + requests.size()).setTimestamp(Instant.ofEpochMilli(arrival.toEpochMilli()))
                        .setModelLatencyMicros(modelLatencyMicros(contextTokens, generatedTokens))
                        .setOverheadLatencyMicros(1_500).setInputTokens((int) contextTokens)
                        .setOutputTokens((int) generatedTokens).build());
            }
        }
        return requests;
    }

    /** The service model: 0.04 ms per prompt token (prefill) + 25 ms per generated token (decode) + 2 ms. */
    static long modelLatencyMicros(final long contextTokens, final long generatedTokens) {
        return contextTokens * 40 + generatedTokens * 25_000 + 2_000;
    }
}
