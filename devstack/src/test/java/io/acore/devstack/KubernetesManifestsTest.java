package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pods {@code k8s/} describes meet Kubernetes' "restricted" Pod Security Standard (as the admission controller
 * checks it) and name their images by version.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of(System.getProperty("acore.root", "..")).resolve("k8s");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() throws IOException {
        List<JsonNode> workloads = workloads();
        assertThat(workloads).extracting(w -> w.path("metadata").path("name").asText())
                .contains("gateway-service", "persona-service", "memory-service", "analytics-service");
        for (JsonNode workload : workloads) {
            String name = workload.path("metadata").path("name").asText();
            JsonNode pod = workload.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                assertThat(pod.path(host).asBoolean(false)).as(name + " " + host).isFalse();
            }
            pod.path("volumes").forEach(volume -> assertThat(volume.fieldNames()).toIterable().as(name + " volume")
                    .filteredOn(field -> !field.equals("name")).allMatch(RESTRICTED_VOLUMES::contains));
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            assertThat(containers).as(name + " containers").isNotEmpty();
            for (JsonNode container : containers) {
                String which = name + "/" + container.path("name").asText();
                JsonNode security = container.path("securityContext");
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(which).isFalse();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as(which).isTrue();
                assertThat(security.path("capabilities").path("drop").toString()).as(which).contains("\"ALL\"");
                assertThat(security.path("capabilities").path("add").isMissingNode()).as(which).isTrue();
                assertThat(orPod(security, podSecurity, "runAsNonRoot").asBoolean(false)).as(which).isTrue();
                assertThat(orPod(security, podSecurity, "seccompProfile").path("type").asText()).as(which)
                        .isIn("RuntimeDefault", "Localhost");
                container.path("ports").forEach(port -> assertThat(port.has("hostPort")).as(which).isFalse());
                assertThat(container.path("image").asText()).as(which + " image").matches("[^:]+:[0-9][^:]*")
                        .doesNotEndWith(":latest");
            }
        }
    }

    private static JsonNode orPod(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    /** Every Deployment and StatefulSet in the manifests' top folder (what {@code kubectl apply -k} deploys). */
    private static List<JsonNode> workloads() throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                        if (document != null && WORKLOADS.contains(document.path("kind").asText())) {
                            found.add(document);
                        }
                    }
                }
            }
        }
        return found;
    }
}
