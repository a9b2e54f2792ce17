package io.streamscale.cli.replay;

import io.streamscale.cli.KafkaOptions;
import io.streamscale.ingest.normalise.RawKeys;
import io.streamscale.ingest.producer.RequestLogProducer;
import io.streamscale.ingest.trace.TraceException;
import io.streamscale.ingest.trace.TraceOptions;
import io.streamscale.ingest.trace.TraceReader;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import io.streamscale.schemas.Topics;
import io.streamscale.schemas.json.RecordJson;
import io.streamscale.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streamscale replay}: publishes a trace to Kafka as producers would, at the trace's own pace
 * × {@code --speed} or as fast as possible, keyed {@code endpoint/variant}, as JSON or Confluent-framed
 * Avro; or, with {@code --raw}, a file of arbitrary producer output line by line, verbatim. By default
 * it writes to {@code inference-logs.raw}, so ingest judges every record. The file is read once to
 * check it and count its records (a bad line stops the replay before anything is sent), then again
 * to publish.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publish a trace file (DESIGN.md CSV/JSON Lines, Azure LLM 2023, Mooncake) to Kafka at real time x --speed, with a progress bar.",
                "With --raw FILE, publish each line of FILE verbatim to inference-logs.raw."})
public final class ReplayCommand implements Callable<Integer> {

    /** How trace records are encoded on the wire. */
    public enum Format { JSON, AVRO }

    @Mixin
    private KafkaOptions kafka;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TRACE", description = "Trace file; its format is recognised from its first line.")
    private Path trace;

    @Option(names = "--raw", paramLabel = "FILE", description = "Publish every line of FILE verbatim (no parsing, as fast as possible).")
    private Path raw;

    @Option(names = "--speed", defaultValue = "1", description = "Multiple of real time (default ${DEFAULT-VALUE}); 0 = as fast as possible.")
    private double speed;

    @Option(names = "--max", description = "As fast as possible (same as --speed 0).")
    private boolean max;

    @Option(names = "--format", defaultValue = "json", description = "Encoding of trace records: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--topic", description = "Topic to publish to (default: the prefixed inference-logs.raw).")
    private String topic;

    @Option(names = "--timestamps", defaultValue = "scaled",
            description = "Times the records carry: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; see docs/INGEST.md).")
    private TimestampMode timestamps;

    @Option(names = "--endpoint", description = "Endpoint name for traces that have none (Azure: azure-llm-code, Mooncake: mooncake-conversation).")
    private String endpoint;

    @Option(names = "--limit", description = "Publish at most this many records.")
    private Long limit;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        if ((trace == null) == (raw == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either a TRACE file or --raw FILE (exactly one)");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be a finite number >= 0, got " + speed);
        }
        if (limit != null && limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be >= 0, got " + limit);
        }
        final Path file = trace != null ? trace : raw;
        if (!Files.isReadable(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Cannot read " + file);
        }
        final Topics topics = kafka.topics();
        final String target = topic != null && !topic.isBlank() ? topic : topics.rawRequestLogs().name();
        final PrintWriter err = spec.commandLine().getErr();
        final ReplayResult result;
        try {
            result = trace != null ? replayTrace(topics, target, err) : replayRaw(target, err);
        } catch (TraceException e) {
            // A bad line is found in the checking pass, before anything is sent.
            err.println("replay: nothing published: " + e.getMessage());
            err.flush();
            return 1;
        }
        err.printf("Published %,d records to %s in %.1f s (%,.0f ev/s)%s%s%n", result.sent(), target, result.seconds(),
                result.seconds() > 0 ? result.sent() / result.seconds() : 0.0,
                result.stopped() ? "; stopped early" : "",
                result.failed() > 0 ? "; " + result.failed() + " FAILED: " + result.firstError() : "");
        err.flush();
        return result.failed() > 0 ? 1 : result.stopped() ? 130 : 0;
    }

    private record ReplayResult(long sent, long failed, double seconds, String firstError, boolean stopped) {
    }

    private ReplayResult replayTrace(final Topics topics, final String target, final PrintWriter err) throws InterruptedException {
        final TraceOptions options = TraceOptions.DEFAULTS.withEndpoint(endpoint);
        // First pass: check every line and learn the count and time span before sending anything.
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (Stream<RequestLog> logs = limited(TraceReader.read(trace, options))) {
            for (final Iterator<RequestLog> it = logs.iterator(); it.hasNext(); ) {
                final long t = it.next().getTimestamp().toEpochMilli();
                count++;
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        final double pace = max ? 0 : speed;
        final Function<RequestLog, byte[]> encoder = encoder(topics, target);
        final long startWallMs = System.currentTimeMillis();
        try (GracefulStop stop = new GracefulStop();
             Stream<RequestLog> logs = limited(TraceReader.read(trace, options));
             KafkaProducer<String, byte[]> producer = producer()) {
            final Sender sender = new Sender(count, err);
            final Pacer pacer = new Pacer(pace, Pacer.SYSTEM, first);
            for (final Iterator<RequestLog> it = logs.iterator(); it.hasNext(); ) {
                final RequestLog log = it.next();
                final long traceMs = log.getTimestamp().toEpochMilli();
                if (!pacer.awaitTurn(traceMs, stop::requested)) {
                    sender.stopped();
                    break;
                }
                final long sentAt = timestamps.rewrite(traceMs, first, last, startWallMs, pace);
                log.setTimestamp(java.time.Instant.ofEpochMilli(sentAt));
                producer.send(new ProducerRecord<>(target, null, sentAt, EndpointKey.of(log.getEndpoint(), log.getVariant()),
                        encoder.apply(log)), sender.callback());
                final Duration eta = pace > 0
                        ? Duration.ofNanos(Math.max(0, pacer.dueNanos(last) - pacer.elapsedNanos()))
                        : sender.etaAtCurrentRate(pacer.elapsedNanos());
                sender.sent(pacer.elapsedNanos(), eta);
            }
            producer.flush();
            return sender.finish(pacer.elapsedNanos());
        }
    }

    private ReplayResult replayRaw(final String target, final PrintWriter err) throws IOException {
        final List<byte[]> lines = RawLines.read(raw);
        final long total = limit == null ? lines.size() : Math.min(limit, lines.size());
        final long start = System.nanoTime();
        try (GracefulStop stop = new GracefulStop();
             KafkaProducer<String, byte[]> producer = producer()) {
            final Sender sender = new Sender(total, err);
            for (int i = 0; i < total; i++) {
                if (stop.requested()) {
                    sender.stopped();
                    break;
                }
                final byte[] line = lines.get(i);
                producer.send(new ProducerRecord<>(target, RawKeys.keyOf(line).orElse(null), line), sender.callback());
                sender.sent(System.nanoTime() - start, sender.etaAtCurrentRate(System.nanoTime() - start));
            }
            producer.flush();
            return sender.finish(System.nanoTime() - start);
        }
    }

    private Stream<RequestLog> limited(final Stream<RequestLog> logs) {
        return limit == null ? logs : logs.limit(limit);
    }

    private Function<RequestLog, byte[]> encoder(final Topics topics, final String target) {
        if (format == Format.AVRO) {
            final var serializer = topics.requestLogs().valueSerde().serializer();
            return log -> serializer.serialize(target, log);
        }
        return log -> RecordJson.toLine(log).getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, byte[]> producer() {
        final Properties props = RequestLogProducer.withDefaults(kafka.clientProperties());
        props.remove(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        // A replay is a batch job: let the buffer absorb bursts rather than fail a send.
        props.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Counts sends and acknowledgements and draws the progress bar. */
    private final class Sender {
        private final long total;
        private final ProgressBar bar;
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private long sent;
        private boolean stopped;

        Sender(final long total, final PrintWriter err) {
            this.total = total;
            this.bar = quiet ? null : new ProgressBar(err, total);
        }

        Callback callback() {
            return (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, error.toString());
                }
            };
        }

        void sent(final long elapsedNanos, final Duration eta) {
            sent++;
            if (bar != null) {
                bar.update(sent, rate(elapsedNanos), eta, System.nanoTime());
            }
        }

        void stopped() {
            stopped = true;
        }

        Duration etaAtCurrentRate(final long elapsedNanos) {
            final double rate = rate(elapsedNanos);
            return rate > 0 ? Duration.ofMillis(Math.round((total - sent) / rate * 1000)) : null;
        }

        ReplayResult finish(final long elapsedNanos) {
            if (bar != null) {
                bar.finish(sent, rate(elapsedNanos));
            }
            return new ReplayResult(sent - failed.get(), failed.get(), elapsedNanos / 1e9, firstError.get(), stopped);
        }

        private double rate(final long elapsedNanos) {
            return elapsedNanos > 0 ? sent * 1e9 / elapsedNanos : 0;
        }
    }
}
