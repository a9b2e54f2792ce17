package io.streamscale.bench;

import io.streamscale.embedded.EmbeddedStack;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topic;
import io.streamscale.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The throughput benchmark: starts the in-process broker and registry, preloads a synthetic fleet's
 * request logs (not timed), then times each phase consuming that topic from the beginning and prints
 * records per second, the ratio to the plain consumer, and heap. See docs/BENCHMARKS.md.
 */
@Command(name = "streamscale-bench", mixinStandardHelpOptions = true,
        description = "Times the signal topology against a plain KafkaConsumer on the in-process broker.")
public final class ThroughputBenchmark implements Callable<Integer> {

    /** What a phase times. */
    public enum Phase {
        /** KafkaConsumer reading and deserialising to the end: the ceiling. */
        consumer,
        /** A Streams processor that does nothing, exactly-once: the framework's ceiling. */
        noop,
        /** The DSL windowed aggregate with a histogram serde: the design to beat (runs on --naive-records). */
        naive,
        /** StreamScale's signal topology. */
        signals
    }

    @Option(names = "--records", description = "Records to preload and consume (default ${DEFAULT-VALUE}).")
    long records = 2_000_000;

    @Option(names = "--naive-records", description = "Records the naive aggregate consumes; it runs at about 1 %% of the consumer (default ${DEFAULT-VALUE}).")
    long naiveRecords = 100_000;

    @Option(names = "--phases", split = ",", description = "Phases in order, repeatable (default ${DEFAULT-VALUE}).")
    List<Phase> phases = new ArrayList<>(List.of(Phase.consumer, Phase.noop, Phase.signals, Phase.naive));

    @Option(names = "--rounds", description = "Times to run the whole list of phases; the summary keeps each phase's best round (default ${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(names = "--endpoints", description = "Endpoint variants (keys) in the fleet (default ${DEFAULT-VALUE}).")
    int endpoints = 200;

    @Option(names = "--fleet-rps", description = "Event-time request rate of the whole fleet (default ${DEFAULT-VALUE}).")
    double fleetRps = 5_000;

    @Option(names = "--partitions", description = "Partitions of the input topic (default ${DEFAULT-VALUE}).")
    int partitions = 4;

    @Option(names = "--threads", description = "num.stream.threads of the Streams phases (default ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--commit-interval-ms", description = "commit.interval.ms of the Streams phases; 100 is the exactly-once default (default ${DEFAULT-VALUE}).")
    long commitIntervalMs = 100;

    @Option(names = "--naive-encoding", description = "Histogram encoding of the naive serde: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    HistogramSerde.Encoding naiveEncoding = HistogramSerde.Encoding.COMPRESSED;

    @Option(names = "--streams-config", description = "Extra Kafka Streams settings for the Streams phases, key=value, repeatable.")
    Map<String, String> streamsConfig = new java.util.LinkedHashMap<>();

    @Option(names = "--seed", description = "Seed of the synthetic fleet (default ${DEFAULT-VALUE}).")
    long seed = 42;

    private final List<PhaseResult> results = new ArrayList<>();
    private final List<String> loads = new ArrayList<>();

    /** The phases measured so far, in order. */
    public List<PhaseResult> results() {
        return List.copyOf(results);
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new ThroughputBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        printMachine();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            final Topics topics = stack.topics("bench.");
            final Topic<String, RequestLog> input = topics.requestLogs();
            // Event times start in 2026-01-01 whatever today is: keep them from being deleted by retention.
            stack.kafka().createTopics(List.of(new NewTopic(input.name(), partitions, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"))));
            stack.createTopics(topics.prefix(), partitions);

            final long preloadStarted = System.nanoTime();
            final long bytes = Preloader.preload(stack.bootstrapServers(), input, new SyntheticFleet(endpoints, fleetRps, seed), records);
            System.out.printf(Locale.ROOT, "Preloaded %,d records (%,d endpoints, %d partitions, %.1f bytes per value) in %.1f s (not timed)%n",
                    records, endpoints, partitions, (double) bytes / records, (System.nanoTime() - preloadStarted) / 1e9);

            final StreamsRun.Settings settings = new StreamsRun.Settings(stack.bootstrapServers(), stack.serdeConfig(),
                    threads, commitIntervalMs, Map.copyOf(streamsConfig));
            for (int round = 0; round < rounds; round++) {
                for (final Phase phase : phases) {
                    final String loadBefore = loadAverage();
                    final PhaseResult result = run(phase, stack, topics, input, settings);
                    results.add(result);
                    loads.add(loadBefore + " -> " + loadAverage());
                System.out.printf(Locale.ROOT, "%-16s %,12d records in %7.2f s = %,10.0f records/s, %.2f CPU µs/record; heap peak %,5d MB, live after GC %,5d MB (+%,d MB over the idle broker); load %s -> %s; %s%n",
                        result.phase(), result.records(), result.seconds(), result.recordsPerSecond(), result.cpuMicrosPerRecord(),
                        mb(result.heap().peakBytes()), mb(result.heap().afterGcBytes()), mb(result.heap().retainedBytes()),
                        loadBefore, loadAverage(), result.note());
                }
            }
        }
        printTable();
        return 0;
    }

    private void validate() {
        requireAtLeast("--records", records, 1);
        requireAtLeast("--naive-records", naiveRecords, 1);
        requireAtLeast("--rounds", rounds, 1);
        requireAtLeast("--endpoints", endpoints, 1);
        requireAtLeast("--partitions", partitions, 1);
        requireAtLeast("--threads", threads, 1);
        requireAtLeast("--commit-interval-ms", commitIntervalMs, 0);
        if (!(fleetRps > 0)) {
            fail("--fleet-rps must be positive, was " + fleetRps);
        }
        if (phases.isEmpty()) {
            fail("--phases names no phase");
        }
    }

    private void requireAtLeast(final String option, final long value, final long least) {
        if (value < least) {
            fail(option + " must be at least " + least + ", was " + value);
        }
    }

    private void fail(final String message) {
        if (spec != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
        throw new IllegalArgumentException(message);
    }

    private PhaseResult run(final Phase phase, final EmbeddedStack stack, final Topics topics,
                            final Topic<String, RequestLog> input, final StreamsRun.Settings settings) {
        return switch (phase) {
            case consumer -> PlainConsumerRun.run(stack.bootstrapServers(), input);
            case noop -> StreamsRun.run("noop processor", NoopProcessorTopology.build(input), settings, input.name(), records);
            case naive -> StreamsRun.run("naive DSL " + naiveEncoding.name().toLowerCase(Locale.ROOT),
                    NaiveHistogramTopology.build(input, naiveEncoding), settings, input.name(), naiveRecords);
            case signals -> StreamsRun.run("signal topology", SignalsPhase.topology(topics), SignalsPhase.streamsOverrides(),
                    settings, input.name(), records);
        };
    }

    private void printTable() {
        final double ceiling = best("plain consumer");
        System.out.println();
        System.out.printf(Locale.ROOT, "Exactly-once v2, %d stream threads, commit.interval.ms=%d%s; ratio = rate / best plain consumer rate%n",
                threads, commitIntervalMs, streamsConfig.isEmpty() ? "" : ", " + streamsConfig);
        if (phases.contains(Phase.signals) && !SignalsPhase.streamsOverrides().isEmpty()) {
            System.out.println("The signal topology also runs with its own SignalTopology.streamsOverrides() " + SignalsPhase.streamsOverrides());
        }
        System.out.println("| phase | records | seconds | records/s | ratio | CPU µs/record | heap peak MB | heap after GC MB (phase's own) | load (1 min) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int i = 0; i < results.size(); i++) {
            final PhaseResult r = results.get(i);
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.3f | %.2f | %,d | %,d (%+,d) | %s |%n", r.phase(), r.records(), r.seconds(),
                    r.recordsPerSecond(), r.recordsPerSecond() / ceiling, r.cpuMicrosPerRecord(), mb(r.heap().peakBytes()),
                    mb(r.heap().afterGcBytes()), mb(r.heap().retainedBytes()), loads.get(i));
        }
        System.out.println();
        System.out.println("Best round of each phase (rate: highest; CPU: lowest; ratio of CPU = plain consumer's CPU per record / phase's):");
        final double consumerCpu = leastCpu("plain consumer");
        results.stream().map(PhaseResult::phase).distinct().forEach(phase -> System.out.printf(Locale.ROOT,
                "  %-22s %,10.0f records/s  ratio %.3f   %6.2f CPU µs/record  CPU ratio %.3f%n", phase, best(phase),
                best(phase) / ceiling, leastCpu(phase), consumerCpu / leastCpu(phase)));
    }

    private double leastCpu(final String phase) {
        return results.stream().filter(r -> r.phase().equals(phase))
                .mapToDouble(PhaseResult::cpuMicrosPerRecord).min().orElse(Double.NaN);
    }

    private double best(final String phase) {
        return results.stream().filter(r -> r.phase().equals(phase))
                .mapToDouble(PhaseResult::recordsPerSecond).max().orElse(Double.NaN);
    }


    private static void printMachine() {
        final Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Java %s (%s), %d processors, max heap %,d MB, GC %s; load average %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), runtime.availableProcessors(),
                mb(runtime.maxMemory()), ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList(), loadAverage());
    }

    /** The 1-minute load average: the machine is shared, so every number says how busy it was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long mb(final long bytes) {
        return bytes / (1024 * 1024);
    }
}
