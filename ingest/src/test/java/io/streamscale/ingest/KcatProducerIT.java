package io.streamscale.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamscale.embedded.EmbeddedStackExtension;
import io.streamscale.ingest.dlq.DeadLetters;
import io.streamscale.schemas.RequestLog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer that is not ours: Debian's kcat (librdkafka, C) publishes JSON request logs, keyed or
 * not, as a gateway's log shipper would; ingest accepts the good ones and dead-letters the bad one.
 */
class KcatProducerIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @TempDir
    Path dir;

    @Test
    void jsonFromLibrdkafkaIsIngestedAndABadLineDeadLettered() throws Exception {
        final String kcat = System.getenv().getOrDefault("KCAT", "kcat");
        assumeTrue(onPath(kcat), "kcat not installed (apt-get install -y kcat; .ci/run does it): non-Java producer not checked");
        try (RunningIngest ingest = new RunningIngest(KAFKA, IngestConfig.DEFAULTS, 2)) {
            final long now = System.currentTimeMillis();
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                lines.add("chat-model/AllTraffic:{\"endpoint\":\"chat-model\",\"requestId\":\"kcat-" + i + "\",\"timestamp\":" + (now + i)
                        + ",\"latency_ms\":" + (40 + i) + ",\"status\":200}");
            }
            lines.add("chat-model/AllTraffic:{\"endpoint\":\"chat-model\",\"timestamp\":" + now + ",\"latency_ms\":-3}");
            final Path input = dir.resolve("logs.txt");
            Files.writeString(input, String.join("\n", lines) + "\n");

            final Process process = new ProcessBuilder(kcat, "-b", KAFKA.bootstrapServers(), "-P", "-t",
                    ingest.topics().rawRequestLogs().name(), "-K:", "-l", input.toString())
                    .redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("kcat said: %s", output).isZero();

            final List<ConsumerRecord<byte[], byte[]>> accepted = ingest.readUntil(ingest.topics().requestLogs().name(), r -> r.size() >= 20);
            final var avro = ingest.topics().requestLogs().valueSerde().deserializer();
            final List<RequestLog> logs = accepted.stream().map(r -> avro.deserialize(r.topic(), r.value())).toList();
            assertThat(logs).extracting(RequestLog::getRequestId).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, 20).mapToObj(i -> "kcat-" + i).toList());
            assertThat(logs).allSatisfy(l -> assertThat(l.getEndpoint()).isEqualTo("chat-model"));

            final List<ConsumerRecord<byte[], byte[]>> dead = ingest.readUntil(ingest.topics().deadLetters().name(), r -> r.size() >= 1);
            assertThat(dead).singleElement().satisfies(r -> assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isNotBlank());
        }
    }

    private static boolean onPath(final String program) {
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program));
        }
        final String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
