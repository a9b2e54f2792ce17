package io.streamscale.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Apicurio Registry 3.0.x as a separate {@code java -jar} process on a free loopback port, with its
 * default in-memory (H2) storage: a Confluent-API schema registry that nobody here wrote.
 *
 * <p>Its shipped defaults (application.properties in the runner jar) listen on every interface and
 * name {@code localhost} or remote hosts for features it does not use with in-memory storage
 * (Kafka events and kafkasql storage, OIDC, the UI); every one of them is pointed at 127.0.0.1 here
 * so the process can only ever talk to this machine. Its output goes to a log file under target/.
 */
final class ApicurioRegistryProcess implements AutoCloseable {

    /** Where Confluent's API is served. */
    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;
    private final Path workDir;
    private final Thread shutdownHook;

    private ApicurioRegistryProcess(final Process process, final int port, final Path log, final Path workDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.workDir = workDir;
        // Kills it even when the test JVM dies without running @AfterAll.
        this.shutdownHook = new Thread(process::destroyForcibly, "apicurio-registry-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the runner jar and waits until {@code /health/ready} answers 200.
     *
     * @return the ready registry, or empty with {@code whyNot} filled when it cannot run here
     */
    static Optional<ApicurioRegistryProcess> start(final Path runnerJar, final StringBuilder whyNot) {
        if (!Files.isRegularFile(runnerJar)) {
            whyNot.append("Apicurio Registry runner jar not found at ").append(runnerJar)
                    .append(": the maven-dependency-plugin execution 'unpack-apicurio-registry' (pre-integration-test)"
                            + " did not unpack io.apicurio:apicurio-registry-app:tar.gz:all");
            return Optional.empty();
        }
        final int port;
        final Path log;
        final Path workDir;
        try {
            port = freeLoopbackPort();
            log = runnerJar.getParent().resolve("apicurio-registry-" + port + ".log");
            workDir = Files.createTempDirectory("apicurio-registry");
        } catch (IOException e) {
            whyNot.append("Cannot prepare Apicurio Registry: ").append(e);
            return Optional.empty();
        }
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + workDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.cors.origins=http://127.0.0.1:" + port,
                "-Dquarkus.oidc.tenant-enabled=false",
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:" + port + "/no-oidc",
                "-Dapicurio.ui.auth.oidc.redirect-uri=http://127.0.0.1:" + port,
                // Unused with in-memory storage and no event sink; port 1 has no listener.
                "-Dapicurio.events.kafka.config.bootstrap.servers=127.0.0.1:1",
                "-Dapicurio.kafkasql.bootstrap.servers=127.0.0.1:1",
                "-Dapicurio.gitops.repo.origin.uri=http://127.0.0.1:" + port,
                "-Dapicurio.import.work-dir=" + workDir,
                "-Dapicurio.storage.snapshot.location=" + workDir,
                "-Dquarkus.http.access-log.enabled=false",
                "-jar", runnerJar.toString());
        final Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            whyNot.append("Cannot start Apicurio Registry (").append(String.join(" ", command)).append("): ").append(e);
            return Optional.empty();
        }
        final ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, log, workDir);
        final String notReady = registry.awaitReady();
        if (notReady != null) {
            registry.close();
            whyNot.append(notReady);
            return Optional.empty();
        }
        return Optional.of(registry);
    }

    /** The URL to give {@code schema.registry.url}. */
    String ccompatUrl() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to remove
        }
        deleteWorkDir();
    }

    private void deleteWorkDir() {
        try (java.util.stream.Stream<Path> files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail a test
        }
    }

    /** @return null when ready, else why not (with the end of its log) */
    private String awaitReady() {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        final long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "Apicurio Registry exited with code " + process.exitValue() + " before it was ready; log "
                        + log + " ends:\n" + tail();
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return null;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "Interrupted while waiting for Apicurio Registry";
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "Interrupted while waiting for Apicurio Registry";
            }
        }
        return "Apicurio Registry was not ready within " + READY_DEADLINE.toSeconds() + " s on port " + port
                + "; log " + log + " ends:\n" + tail();
    }

    private String tail() {
        try {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
