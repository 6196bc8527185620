package io.acore.testkit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What docker-compose.yml lets the outside world reach: only the chat, the dashboard and Grafana (each behind its
 * own login or key); every other published port is bound to this host's loopback.
 */
class ComposeExposureTest {
    private static final Map<String, List<String>> PUBLIC = Map.of(
            "gateway", List.of("8080:8080"),
            "analytics", List.of("8083:8083"),
            "grafana", List.of("3000:3000"));

    @Test
    void onlyTheChatTheDashboardAndGrafanaArePublishedBeyondThisHost() throws Exception {
        JsonNode services = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(repositoryFile("docker-compose.yml"))).path("services");
        Map<String, List<String>> beyondLoopback = new TreeMap<>();
        services.properties().forEach(service -> {
            List<String> open = new ArrayList<>();
            service.getValue().path("ports").forEach(port -> {
                String published = port.isObject() ? port.path("host_ip").asText("") + ":" + port.path("published")
                        .asText() + ":" + port.path("target").asText() : port.asText();
                if (!published.startsWith("127.0.0.1:")) {
                    open.add(published);
                }
            });
            if (!open.isEmpty()) {
                beyondLoopback.put(service.getKey(), open);
            }
        });

        assertThat(services.size()).isGreaterThan(PUBLIC.size());
        assertThat(beyondLoopback).isEqualTo(new TreeMap<>(PUBLIC));
    }

    private static Path repositoryFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(name)) && Files.exists(dir.resolve("events"))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }
}
