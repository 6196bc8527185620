package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.acore.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The broker grants each service exactly what its channels use (docker/kafka/acls.txt against each service's
 * application.properties), creates every topic of the contract, and the Strimzi users grant the same.
 */
class KafkaAccessTest {
    private static final Path ROOT = Path.of(System.getProperty("acore.root", ".."));
    private static final KafkaSetup SETUP = KafkaSetup.packaged();

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "persona", "memory", "analytics"})
    void aServiceMayReadAndWriteExactlyTheTopicsItsChannelsUseAndJoinOnlyItsOwnGroups(String service)
            throws IOException {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve(service + "-service/src/main/resources/application.properties"))) {
            config.load(in);
        }
        Set<String> reads = new HashSet<>();
        Set<String> writes = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (String key : config.stringPropertyNames()) {
            String value = config.getProperty(key);
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                reads.addAll(Arrays.asList(value.split(",")));
            } else if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                writes.add(value);
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")) {
                writes.add(value);
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                groups.add(value);
            }
        }
        String user = "User:" + KafkaSetup.userOf(service);
        assertThat(names(user, AclOperation.READ, ResourceType.TOPIC)).as("topics %s reads", service)
                .containsExactlyInAnyOrderElementsOf(reads);
        assertThat(names(user, AclOperation.WRITE, ResourceType.TOPIC)).as("topics %s writes", service)
                .containsExactlyInAnyOrderElementsOf(writes);
        assertThat(SETUP.grants()).filteredOn(grant -> grant.entry().principal().equals(user)
                        && grant.pattern().resourceType() == ResourceType.GROUP
                        && grant.entry().operation() == AclOperation.READ)
                .extracting(grant -> grant.pattern().name() + " " + grant.pattern().patternType())
                .containsExactly(service + "-service. PREFIXED");
        assertThat(groups).isNotEmpty().allMatch(group -> group.startsWith(service + "-service."));
    }

    @Test
    void nobodyIsGrantedMoreThanReadingWritingAndDescribingTopicsAndGroups() {
        assertThat(SETUP.grants()).allSatisfy(grant -> {
            assertThat(grant.entry().operation()).isIn(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
            assertThat(grant.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
            assertThat(grant.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
        });
        assertThat(SETUP.users()).containsExactly("acore-gateway", "acore-persona", "acore-memory", "acore-analytics");
    }

    @Test
    void everyTopicOfTheContractIsCreatedWithItsPartitions() throws IllegalAccessException {
        Set<String> contract = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                contract.add((String) field.get(null));
            }
        }
        assertThat(SETUP.topics().keySet()).containsExactlyInAnyOrderElementsOf(contract);
        assertThat(SETUP.topics().values()).allMatch(partitions -> partitions >= 1);
    }

    @Test
    void theStrimziUsersGrantExactlyWhatTheComposeBrokerGrants() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<AclBinding> strimzi = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(ROOT.resolve("k8s/kafka/users.yaml").toFile())) {
            for (JsonNode user : yaml.readValues(parser, JsonNode.class).readAll()) {
                assertThat(user.path("kind").asText()).isEqualTo("KafkaUser");
                assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
                String principal = "User:" + user.path("metadata").path("name").asText();
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    for (JsonNode operation : acl.path("operations")) {
                        strimzi.add(new AclBinding(new ResourcePattern(
                                ResourceType.fromString(resource.path("type").asText().toUpperCase(Locale.ROOT)),
                                resource.path("name").asText(),
                                PatternType.fromString(resource.path("patternType").asText().toUpperCase(Locale.ROOT))),
                                new AccessControlEntry(principal, "*", AclOperation.fromString(operation.asText()),
                                        AclPermissionType.ALLOW)));
                    }
                }
            }
        }
        assertThat(strimzi).containsExactlyInAnyOrderElementsOf(SETUP.grants());
    }

    private static Set<String> names(String principal, AclOperation operation, ResourceType type) {
        return SETUP.grants().stream().filter(grant -> grant.entry().principal().equals(principal)
                        && grant.entry().operation() == operation && grant.pattern().resourceType() == type)
                .map(grant -> grant.pattern().name()).collect(Collectors.toSet());
    }
}
