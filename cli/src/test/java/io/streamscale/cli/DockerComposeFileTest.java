package io.streamscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamscale.schemas.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The repository's docker-compose.yml, checked without Docker (these machines have no Docker
 * engine): it parses as YAML, and its services, images, commands, dependencies, ports and Kafka's
 * KRaft settings agree with each other, with the topic contract ({@link Topics}) and with the image
 * the {@code image} profile of cli/pom.xml builds.
 *
 * <p>jackson-dataformat-yaml is on this module's runtime classpath already (Kafka's broker uses it),
 * so the test declares nothing extra.
 */
class DockerComposeFileTest {

    private static final Set<String> STREAMSCALE_SERVICES = Set.of("ingest", "signals", "actuator");
    private static final String BOOTSTRAP = "kafka:9092";
    private static final String REGISTRY_URL = "http://registry:8080/apis/ccompat/v7";

    private static Path moduleDir;
    private static JsonNode services;

    @BeforeAll
    static void parse() throws Exception {
        moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        final JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(moduleDir.resolve("../docker-compose.yml").normalize().toFile());
        services = compose.get("services");
        assertThat(services).as("docker-compose.yml has a services section").isNotNull();
    }

    @Test
    void definesKafkaTheRegistryTheTopicsAndEveryStreamScaleService() {
        assertThat(names(services)).containsExactlyInAnyOrder("kafka", "topics", "registry", "ingest", "signals", "actuator");
    }

    @Test
    void everyDependencyNamesADefinedServiceAndWaitsForSomethingItHas() {
        services.fields().forEachRemaining(service -> {
            final JsonNode dependsOn = service.getValue().path("depends_on");
            for (final String needed : names(dependsOn)) {
                assertThat(services.has(needed)).as("%s depends on undefined service %s", service.getKey(), needed).isTrue();
                final String condition = dependsOn.path(needed).path("condition").asText("service_started");
                assertThat(condition).isIn("service_started", "service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(services.get(needed).has("healthcheck"))
                            .as("%s waits for %s to be healthy, which has no healthcheck", service.getKey(), needed).isTrue();
                }
            }
        });
        for (final String service : STREAMSCALE_SERVICES) {
            assertThat(names(services.get(service).get("depends_on"))).as(service).containsExactlyInAnyOrder("kafka", "registry", "topics");
            assertThat(services.get(service).at("/depends_on/topics/condition").asText()).isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void kafkaIsOneKRaftNodeInCombinedModeWithReplicationFactorsOfOne() {
        final JsonNode kafka = services.get("kafka");
        final JsonNode env = kafka.get("environment");
        assertThat(kafka.get("image").asText()).startsWith("apache/kafka:4.");
        assertThat(env.get("KAFKA_PROCESS_ROLES").asText().split(",")).containsExactlyInAnyOrder("broker", "controller");

        final Map<String, URI> listeners = listeners(env.get("KAFKA_LISTENERS").asText());
        final Map<String, URI> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS").asText());
        final Set<String> mapped = new TreeSet<>();
        for (final String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
            mapped.add(entry.split(":")[0]);
        }
        assertThat(mapped).containsAll(listeners.keySet()).containsAll(advertised.keySet());
        final String controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES").asText();
        assertThat(listeners).containsKey(controller);
        assertThat(advertised).doesNotContainKey(controller);
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                .isEqualTo(env.get("KAFKA_NODE_ID").asText() + "@kafka:" + listeners.get(controller).getPort());
        assertThat(listeners).containsKey(env.get("KAFKA_INTER_BROKER_LISTENER_NAME").asText());
        assertThat(advertised.get(env.get("KAFKA_INTER_BROKER_LISTENER_NAME").asText()).getAuthority()).isEqualTo(BOOTSTRAP);

        for (final String replication : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_DEFAULT_REPLICATION_FACTOR", "KAFKA_MIN_INSYNC_REPLICAS")) {
            assertThat(env.get(replication).asText()).as(replication).isEqualTo("1");
        }
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
        assertThat(Base64.getUrlDecoder().decode(env.get("CLUSTER_ID").asText())).as("CLUSTER_ID is a base64 UUID").hasSize(16);

        // The host port is published and advertised as localhost, so clients outside Docker can connect.
        final URI host = advertised.values().stream().filter(u -> u.getHost().equals("localhost")).findFirst().orElseThrow();
        assertThat(texts(kafka.get("ports"))).contains(host.getPort() + ":" + host.getPort());
    }

    @Test
    void theTopicsServiceCreatesEveryTopicOfTheContractCompactedWhereItSays() {
        final JsonNode topics = services.get("topics");
        final JsonNode env = topics.get("environment");
        final Topics contract = new Topics("", Map.of("schema.registry.url", "mock://compose"));
        final List<String> plain = new ArrayList<>(contract.allNames());
        plain.removeAll(Topics.COMPACTED);

        assertThat(env.get("STREAMSCALE_TOPICS").asText().trim().split("\\s+")).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(env.get("STREAMSCALE_COMPACTED_TOPICS").asText().trim().split("\\s+")).containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
        assertThat(env.get("BOOTSTRAP_SERVERS").asText()).isEqualTo(BOOTSTRAP);
        assertThat(topics.get("image").asText()).isEqualTo(services.get("kafka").get("image").asText());
        final String script = texts(topics.get("command")).get(0);
        assertThat(script).contains("--if-not-exists", "cleanup.policy=compact");
        // Compose substitutes a single $ from the host's environment; the script's own variables must be $$.
        assertThat(script.replace("$$", "")).doesNotContain("$");
    }

    @Test
    void theRegistryServesConfluentsApiWithConfluentsDefaultCompatibility() {
        final JsonNode registry = services.get("registry");
        assertThat(registry.get("image").asText()).startsWith("apicurio/apicurio-registry:3.0.");
        assertThat(registry.at("/environment/APICURIO_RULES_GLOBAL_COMPATIBILITY").asText()).isEqualTo("BACKWARD");
        // Schemas live in Kafka, so ids written into records stay valid across registry restarts.
        assertThat(registry.at("/environment/APICURIO_STORAGE_KIND").asText()).isEqualTo("kafkasql");
        assertThat(registry.at("/environment/APICURIO_KAFKASQL_BOOTSTRAP_SERVERS").asText()).isEqualTo(BOOTSTRAP);
        assertThat(registry.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
        final URI url = URI.create(REGISTRY_URL);
        assertThat(texts(registry.get("ports"))).anyMatch(p -> p.endsWith(":" + url.getPort()));
        assertThat(registry.at("/healthcheck/test").toString()).contains("/health/ready", String.valueOf(url.getPort()));
    }

    @Test
    void theStreamScaleServicesRunTheJibImageWithTheAgreedCommandLines() throws Exception {
        final String image = XPathFactory.newInstance().newXPath().evaluate(
                "/project/profiles/profile[id='image']/properties/streamscale.image.name",
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(moduleDir.resolve("pom.xml").toFile()));
        assertThat(image).as("image name in cli/pom.xml's image profile").isNotBlank();
        final List<String> connection = List.of("--bootstrap-servers", BOOTSTRAP, "--schema-registry-url", REGISTRY_URL);

        for (final String service : STREAMSCALE_SERVICES) {
            assertThat(services.get(service).path("image").asText()).as(service).isEqualTo(image);
            assertThat(services.get(service).path("pull_policy").asText()).as(service + " uses the loaded tar").isEqualTo("never");
        }
        assertThat(texts(services.get("ingest").get("command"))).isEqualTo(concat(List.of("ingest"), connection));
        assertThat(texts(services.get("signals").get("command"))).isEqualTo(concat(List.of("signals"), connection));
        assertThat(texts(services.get("actuator").get("command"))).isEqualTo(concat(List.of("actuator", "--dry-run"), connection));
        assertThat(services.get("kafka").get("hostname").asText() + ":9092").isEqualTo(BOOTSTRAP);
        assertThat("http://" + services.get("registry").get("hostname").asText() + ":8080/apis/ccompat/v7").isEqualTo(REGISTRY_URL);
    }

    /** Every service's compose command line parses with the real CLI. */
    @Test
    void theCommandLinesParseWithTheRealCli() {
        final Set<String> registered = StreamScaleCommand.commandLine().getSubcommands().keySet();
        final List<String> checked = new ArrayList<>();
        for (final String service : STREAMSCALE_SERVICES) {
            final List<String> args = texts(services.get(service).get("command"));
            if (registered.contains(args.get(0))) {
                final CommandLine.ParseResult parsed = StreamScaleCommand.commandLine().parseArgs(args.toArray(String[]::new));
                assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(args.get(0));
                checked.add(service);
            }
        }
        assertThat(checked).as("every service's subcommand exists").containsExactlyInAnyOrderElementsOf(STREAMSCALE_SERVICES);
    }

    /**
     * Compose's own schema check, where a {@code docker-compose} (Debian's package; no Docker engine
     * needed for {@code config}) or a {@code docker} with the compose plugin is installed.
     */
    @Test
    void composeItselfAcceptsTheFileWhereComposeIsInstalled() throws Exception {
        final Path file = moduleDir.resolve("../docker-compose.yml").normalize();
        final List<String> command;
        if (onPath("docker-compose")) {
            command = List.of("docker-compose", "-f", file.toString(), "config", "-q");
        } else if (onPath("docker") && dockerHasCompose()) {
            command = List.of("docker", "compose", "-f", file.toString(), "config", "-q");
        } else {
            Assumptions.abort("Neither docker-compose nor docker with its compose plugin is installed: only the structural checks ran "
                    + "(apt-get install docker-compose adds Compose's own schema check)");
            return;
        }
        final Process compose = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(compose.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(compose.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("compose config finished").isTrue();
        Assumptions.assumeFalse(output.contains("unknown command") || output.contains("is not a docker command"),
                () -> "docker has no compose plugin: " + output);
        assertThat(compose.exitValue()).as("%s said:%n%s", String.join(" ", command), output).isZero();
    }

    /** The docker client alone (as on the project's machines) has no compose subcommand. */
    private static boolean dockerHasCompose() throws Exception {
        final Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        version.getInputStream().readAllBytes();
        return version.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && version.exitValue() == 0;
    }

    private static boolean onPath(final String program) {
        final String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(Path.of(dir, program)));
    }

    private static Map<String, URI> listeners(final String list) {
        final Map<String, URI> byName = new LinkedHashMap<>();
        for (final String listener : list.split(",")) {
            final String name = listener.substring(0, listener.indexOf("://"));
            // "PLAINTEXT://:9092" binds every interface; give URI a host so it parses the port.
            byName.put(name, URI.create(listener.replace("://:", "://0.0.0.0:")));
        }
        return byName;
    }

    private static List<String> names(final JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return texts(node);
        }
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
