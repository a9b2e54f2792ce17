package io.streamscale.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscale.actuator.Actuator;
import io.streamscale.actuator.ActuatorConfig;
import io.streamscale.cli.report.HtmlReport;
import io.streamscale.cli.report.JsonLines;
import io.streamscale.cli.report.RunSummary;
import io.streamscale.cli.run.StreamsRunner;
import io.streamscale.cli.watch.WatchTable;
import io.streamscale.embedded.EmbeddedStack;
import io.streamscale.ingest.DeadLetterCounts;
import io.streamscale.ingest.IngestConfig;
import io.streamscale.ingest.IngestService;
import io.streamscale.ingest.IngestTopology;
import io.streamscale.ingest.trace.TraceReader;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.json.RecordJson;
import io.streamscale.signals.SignalConfig;
import io.streamscale.signals.SignalTopology;
import io.streamscale.signals.decision.DecisionTopology;
import io.streamscale.signals.policy.PolicyDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The whole of StreamScale in one JVM, on the embedded default: a real Kafka broker (KRaft) and
 * schema registry, ingest, signals, decisions and a dry-run actuator, fed a real trace through
 * ingest as producers would send it (JSON lines on the raw topic), watched live, and written out as
 * files and an HTML report. Every part is the production code; only the wiring is the demo's.
 *
 * <p>Time: the trace is played at {@code speed} × real time with its timestamps moved so that none
 * is ahead of the clock when sent: it starts (1 − 1/speed) of its length in the past and ends now.
 * Ingest's validation runs with its defaults; the actuator's decision age limit is widened, because
 * decisions about the trace's first minutes are that old when they are made.
 */
public final class Demo {

    /** The bundled slice of a public trace (see ingest's traces/PROVENANCE.md). */
    public static final String BUNDLED_TRACE = "traces/azure-llm-2023-code-demo.csv";
    public static final String BUNDLED_POLICY = "demo/policy.json";

    /**
     * @param trace      trace file, or null for the bundled slice
     * @param speed      real time × speed; 0 plays as fast as possible
     * @param policyFile policy file (one document or an array), or null for the bundled demo policy
     * @param rawInput   a file of raw producer lines also fed through ingest, or null
     * @param awsEndpoint for {@code --actuator aws}: where AWS calls go (null: AWS itself); null dry-run flag means dry run
     */
    public record Options(Path trace, double speed, Path policyFile, Path out, Path rawInput, boolean dryRun,
                          URI awsEndpoint, String region, boolean live, PrintStream console) {
        public Options {
            if (speed < 0 || Double.isNaN(speed)) {
                throw new IllegalArgumentException("--speed must be >= 0 (0 = as fast as possible), got " + speed);
            }
        }
    }

    public record Outcome(Path out, long published, long accepted, Map<String, Long> rejected, int windows, int decisions, int actions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {
    }

    public static Outcome run(final Options options) throws Exception {
        final PrintStream console = options.console();
        final List<ScalingPolicy> policies = PolicyDocuments.parseAll(options.policyFile() == null
                ? resource(BUNDLED_POLICY) : Files.readString(options.policyFile()));
        final List<RequestLog> trace;
        try (Stream<RequestLog> logs = options.trace() == null ? TraceReader.readResource(BUNDLED_TRACE) : TraceReader.read(options.trace())) {
            trace = logs.toList();
        }
        final List<String> rawLines = options.rawInput() == null ? List.of() : Files.readAllLines(options.rawInput());
        Files.createDirectories(options.out());
        final Path stateDir = Files.createTempDirectory("streamscale-demo-state");

        console.println("Starting the embedded Kafka broker (KRaft) and schema registry ...");
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            final Topics topics = stack.createTopics("", 2);
            console.println("Kafka " + stack.bootstrapServers() + ", schema registry " + stack.schemaRegistryUrl());
            putPolicies(stack, topics, policies);

            final List<StreamsRunner> apps = new ArrayList<>();
            final DeadLetterCounts deadLetterCounts = new DeadLetterCounts();
            final WatchTable table = new WatchTable();
            Actuator actuator = null;
            try {
                apps.add(new StreamsRunner("ingest", IngestTopology.build(topics, IngestConfig.DEFAULTS, deadLetterCounts),
                        streamsProps(stack, stateDir, "ingest", IngestService.streamsOverrides(topics, deadLetterCounts)), null));
                apps.add(new StreamsRunner("signals", SignalTopology.build(topics, SignalConfig.DEFAULTS),
                        streamsProps(stack, stateDir, "signals", io.streamscale.cli.service.SignalsCommand.signalAppOverrides()), null));
                apps.add(new StreamsRunner("decisions", DecisionTopology.build(topics),
                        streamsProps(stack, stateDir, "decisions", Map.of()), null));
                actuator = Actuator.start(ActuatorConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
                        .groupId("streamscale-demo-actuator").dryRun(options.dryRun()).awsEndpointUrl(options.awsEndpoint())
                        .region(options.region()).maxDecisionAge(Duration.ofDays(1)).endpointMinInterval(Duration.ZERO)
                        .build());
                for (final StreamsRunner app : apps) {
                    if (!app.awaitRunning(Duration.ofSeconds(60))) {
                        throw new IllegalStateException("A Streams app did not reach RUNNING: " + app.streams().state());
                    }
                }
                console.println("ingest, signals, decisions and the " + (options.dryRun() ? "dry-run " : "") + "actuator are running.");

                try (OutputCollector collector = new OutputCollector(stack.bootstrapServers(), topics, table);
                     LiveTable live = new LiveTable(table, collector, console, options.live())) {
                    final long published = TraceReplay.publish(stack.bootstrapServers(), topics.rawRequestLogs().name(), trace,
                            rawLines, options.speed(), live::progress);
                    live.progress("replayed " + published + " records; waiting for the last windows and decisions ...");
                    awaitDrained(collector, published, actuator);
                    live.finalTable();
                    return write(options, collector, deadLetterCounts, policies, published);
                }
            } finally {
                if (actuator != null) {
                    actuator.close();
                }
                for (int i = apps.size() - 1; i >= 0; i--) {
                    apps.get(i).close();
                }
                deleteQuietly(stateDir);
            }
        }
    }

    private static Properties streamsProps(final EmbeddedStack stack, final Path stateDir, final String app,
                                           final Map<String, ?> overrides) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streamscale-demo-" + app);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(app).toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.putAll(stack.serdeConfig());
        // Kafka 5.0 turns this on by default; opting in now keeps behaviour the same across the upgrade.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putAll(overrides);
        return props;
    }

    private static void putPolicies(final EmbeddedStack stack, final Topics topics, final List<ScalingPolicy> policies) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, ScalingPolicy> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.policies().valueSerde().serializer())) {
            for (final ScalingPolicy policy : policies) {
                producer.send(new ProducerRecord<>(topics.policies().name(), EndpointKey.of(policy.getEndpoint(), policy.getVariant()), policy));
            }
        }
    }

    /** Waits until ingest has judged every record, the windows stop changing and every decision has an outcome. */
    private static void awaitDrained(final OutputCollector collector, final long published, final Actuator actuator)
            throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int lastWindows = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            final long judged = collector.requestLogs() + collector.deadLetters().values().stream().mapToLong(Long::longValue).sum();
            final int windows = collector.signals().size();
            if (windows != lastWindows) {
                lastWindows = windows;
                stableSince = System.nanoTime();
            }
            final boolean settled = System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos();
            if (judged >= published && settled && collector.actions().size() >= collector.decisions().size()) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static Outcome write(final Options options, final OutputCollector collector, final DeadLetterCounts counts,
                                 final List<ScalingPolicy> policyList, final long published) throws IOException {
        final Path out = options.out();
        final Map<String, ScalingPolicy> policies = new LinkedHashMap<>();
        policyList.forEach(p -> policies.put(EndpointKey.of(p.getEndpoint(), p.getVariant()), p));
        JsonLines.write(out.resolve("signals.jsonl"), collector.signals());
        if (!collector.modelSignals().isEmpty()) {
            JsonLines.write(out.resolve("model-signals.jsonl"), collector.modelSignals());
        }
        JsonLines.write(out.resolve("decisions.jsonl"), collector.decisions());
        JsonLines.write(out.resolve("actions.jsonl"), collector.actions());
        final Map<String, Long> rejected = collector.deadLetters();
        final ObjectNode summary = RunSummary.of(collector.requestLogs(), rejected, collector.signals(), collector.decisions(),
                collector.actions(), policies);
        summary.put("published", published);
        Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        Files.writeString(out.resolve("report.html"), HtmlReport.render("StreamScale demo",
                "Embedded Kafka, " + (options.dryRun() ? "dry-run actuator" : "actuator acting on AWS") + ", trace "
                        + (options.trace() == null ? BUNDLED_TRACE + " (bundled)" : options.trace().getFileName()),
                HtmlReport.EndpointSeries.byEndpoint(collector.signals(), collector.decisions(), policies), rejected, summary));
        return new Outcome(out, published, collector.requestLogs(), rejected, collector.signals().size(),
                collector.decisions().size(), collector.actions().size());
    }

    static String resource(final String name) throws IOException {
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Missing bundled resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp folder left behind is harmless.
        }
    }

    /** Encodes one trace record as a producer would send it to the raw topic. */
    static byte[] asProducerJson(final RequestLog log) {
        return RecordJson.toLine(log).getBytes(StandardCharsets.UTF_8);
    }

    static KafkaProducer<String, byte[]> rawProducer(final String bootstrapServers) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
