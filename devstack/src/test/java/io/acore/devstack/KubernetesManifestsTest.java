package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.databind.MapperFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * Every document reads as the Kubernetes API type its apiVersion and kind name (fabric8's model, generated from
     * Kubernetes' OpenAPI schema) with no field that type does not have, anywhere: a misspelt or misplaced field, or
     * a value of the wrong type, fails here rather than at {@code kubectl apply}.
     */
    @Test
    void everyManifestIsAKubernetesObjectWithOnlyFieldsItsSchemaHas() throws Exception {
        ObjectMapper strict = new ObjectMapper(new YAMLFactory())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        int read = 0;
        for (JsonNode document : documents()) {
            if (document.path("kind").asText().equals("Kustomization")) {
                continue;
            }
            String which = document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
            KubernetesResource resource = strict.treeToValue(document, KubernetesResource.class);
            assertThat(resource).as(which).isInstanceOf(HasMetadata.class);
            assertThat(unknownFields(resource, which)).as("fields %s's schema does not have", which).isEmpty();
            read++;
        }
        assertThat(read).isGreaterThanOrEqualTo(20);
    }

    /**
     * Every autoscaler scales on its pods' consumer lag (what limits them), never past the partitions of
     * acore.chat.inbound, beyond which a replica would sit idle; memory-service on its embedding backlog and context
     * calls too, and not on CPU, which that backlog keeps high at any count of replicas; the others on CPU.
     */
    @Test
    void autoscalersFollowWhatIsWaitingAndStopAtThePartitionCount() throws IOException {
        int partitions = 0;
        try (YAMLParser parser = new YAMLFactory().createParser(K8S.resolve("kafka/topics.yaml").toFile())) {
            for (JsonNode topic : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (topic.path("metadata").path("name").asText().equals("acore.chat.inbound")) {
                    partitions = topic.path("spec").path("partitions").asInt();
                }
            }
        }
        assertThat(partitions).isPositive();
        List<JsonNode> autoscalers = documents().stream()
                .filter(document -> document.path("kind").asText().equals("HorizontalPodAutoscaler")).toList();
        assertThat(autoscalers).extracting(hpa -> hpa.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("persona-service", "memory-service", "analytics-service");
        for (JsonNode autoscaler : autoscalers) {
            String name = autoscaler.path("metadata").path("name").asText();
            assertThat(autoscaler.path("spec").path("maxReplicas").asInt()).as(name).isBetween(1, partitions);
            List<String> metrics = autoscaler.path("spec").path("metrics").findValuesAsText("name");
            if (name.equals("memory-service")) {
                assertThat(metrics).as(name).containsExactlyInAnyOrder("acore_consumer_lag",
                        "acore_memory_embedding_backlog", "acore_requests_in_progress");
            } else {
                assertThat(metrics).as(name).contains("acore_consumer_lag", "cpu");
            }
        }
    }

    /** The fields read into a model object's catch-all "additional properties", at any depth, by path. */
    private static List<String> unknownFields(Object value, String path)
            throws ReflectiveOperationException, IntrospectionException {
        List<String> unknown = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
        } else if (value instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                unknown.addAll(unknownFields(entry.getValue(), path + "." + entry.getKey()));
            }
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (PropertyDescriptor property : Introspector.getBeanInfo(value.getClass(), Object.class)
                    .getPropertyDescriptors()) {
                if (property.getReadMethod() == null) {
                    continue;
                }
                Object field = property.getReadMethod().invoke(value);
                if (property.getName().equals("additionalProperties")) {
                    ((Map<?, ?>) field).keySet().forEach(name -> unknown.add(path + "." + name));
                } else {
                    unknown.addAll(unknownFields(field, path + "." + property.getName()));
                }
            }
        }
        return unknown;
    }

    private static JsonNode orPod(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    /** Every Deployment and StatefulSet in the manifests' top folder (what {@code kubectl apply -k} deploys). */
    private static List<JsonNode> workloads() throws IOException {
        return documents().stream().filter(document -> WORKLOADS.contains(document.path("kind").asText())).toList();
    }

    /** Every document in the manifests' top folder. */
    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                        if (document != null && !document.isEmpty()) {
                            found.add(document);
                        }
                    }
                }
            }
        }
        return found;
    }
}
