package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml as docker-compose itself reads it ({@code docker-compose config}, with every variable of
 * .env.example filled in, each differently): it is valid, and the broker runs docker/kafka's scripts with each
 * service signing in as its own user with the password its setup was given; only the pages people use are published
 * beyond this host. Without docker-compose on the path this
 * is skipped, except in CI ({@code CI} set), which installs it.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("gateway", "persona", "memory", "analytics");

    @TempDir
    static Path dir;
    private static JsonNode services;

    @BeforeAll
    static void readTheFileAsDockerComposeDoes() throws IOException, InterruptedException {
        Pattern setting = Pattern.compile("^([A-Z_]+)=.*$", Pattern.MULTILINE);
        Matcher variables = setting.matcher(Files.readString(ROOT.resolve(".env.example")));
        String filled = variables.replaceAll(match -> match.group(1) + "=value-of-" + match.group(1).toLowerCase());
        Path env = Files.writeString(dir.resolve(".env"), filled);
        Process compose;
        try {
            compose = new ProcessBuilder("docker-compose", "--env-file", env.toString(), "-f",
                    ROOT.resolve("docker-compose.yml").toString(), "config").redirectError(dir.resolve("err").toFile())
                    .start();
        } catch (IOException missing) {
            assumeTrue(System.getenv("CI") != null, "docker-compose is not installed");
            throw missing;
        }
        String resolved = new String(compose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(compose.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(compose.exitValue()).as("docker-compose config: %s", Files.readString(dir.resolve("err"))).isZero();
        services = new ObjectMapper(new YAMLFactory()).readTree(resolved).path("services");
    }

    @Test
    void theBrokerAndItsSetupRunDockerKafkasScripts() {
        assertThat(services.path("kafka").path("entrypoint").toString()).contains("/acore/broker.sh");
        assertThat(services.path("kafka-setup").path("entrypoint").toString()).contains("/acore/setup.sh");
        for (String container : List.of("kafka", "kafka-setup")) {
            assertThat(services.path(container).path("volumes").toString()).as(container).contains("/acore");
            assertThat(services.path(container).path("environment").path("KAFKA_ADMIN_PASSWORD").asText())
                    .isEqualTo("value-of-kafka_admin_password");
        }
    }

    @Test
    void eachServiceSignsInAsItsOwnUserWithThePasswordTheSetupGaveIt() {
        JsonNode setup = services.path("kafka-setup").path("environment");
        for (String service : SERVICES) {
            JsonNode env = services.path(service).path("environment");
            String variable = "ACORE_KAFKA_" + service.toUpperCase() + "_PASSWORD";
            assertThat(env.path("KAFKA_SECURITY_PROTOCOL").asText()).as(service).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.path("ACORE_KAFKA_USER").asText()).as(service).isEqualTo(KafkaSetup.userOf(service));
            assertThat(env.path("ACORE_KAFKA_PASSWORD").asText()).as(service)
                    .isEqualTo("value-of-" + variable.toLowerCase())
                    .isEqualTo(setup.path(variable).asText());
            assertThat(services.path(service).path("depends_on").toString()).as(service).contains("kafka-setup");
        }
    }

    @Test
    void onlyThePagesPeopleUseArePublishedBeyondThisHost() {
        Map<String, List<String>> everywhere = new TreeMap<>();
        services.fields().forEachRemaining(service -> service.getValue().path("ports").forEach(port -> {
            // docker-compose writes a port published on every interface as {published, target}, one bound to an
            // address as "address:published:target/protocol"
            if (!port.isTextual() || !port.asText().startsWith("127.0.0.1:")) {
                everywhere.computeIfAbsent(service.getKey(), name -> new ArrayList<>()).add(port.toString());
            }
        }));
        assertThat(everywhere.keySet()).as("published on every interface: %s (memory, persona, the broker, the"
                + " database and Prometheus must not be)", everywhere).containsExactly("analytics", "gateway", "grafana");
    }
}
