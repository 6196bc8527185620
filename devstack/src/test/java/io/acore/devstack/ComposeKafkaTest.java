package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose's broker, run by its own scripts (docker/kafka/broker.sh, then setup.sh) with Kafka's own
 * command-line tools, outside a container: it signs every client in, and a record written to a topic by a principal
 * the ACLs do not allow to write it is refused.
 */
class ComposeKafkaTest {
    private static final Path SCRIPTS = Path.of(System.getProperty("acore.root", "..")).resolve("docker/kafka");
    private static final Map<String, String> TOOLS = Map.of(
            "kafka-storage.sh", "kafka.tools.StorageTool",
            "kafka-server-start.sh", "kafka.Kafka",
            "kafka-configs.sh", "kafka.admin.ConfigCommand",
            "kafka-acls.sh", "org.apache.kafka.tools.AclCommand",
            "kafka-topics.sh", "org.apache.kafka.tools.TopicCommand");
    private static final String FORGED_REPLY = "{\"v\":1,\"id\":\"forged\",\"conversationId\":\"web:lobby\","
            + "\"personaId\":\"sable\",\"text\":\"I never said this\",\"final\":true}";

    @TempDir
    static Path dir;
    private static Process broker;
    private static String bootstrap;
    private static final Map<String, String> passwords = new HashMap<>();

    @BeforeAll
    static void startTheBrokerAndSetItUp() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (var tool : TOOLS.entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                    + System.getProperty("java.class.path") + "' " + tool.getValue() + " \"$@\"\n");
            assertThat(script.toFile().setExecutable(true)).isTrue();
        }
        int port = Ports.free();
        bootstrap = "localhost:" + port;
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BIN", bin.toString(), "KAFKA_HOST", "localhost",
                "KAFKA_PORT", String.valueOf(port), "KAFKA_CONTROLLER_PORT", String.valueOf(Ports.free()),
                "KAFKA_DATA", dir.resolve("data").toString(), "KAFKA_CONFIG", dir.resolve("server.properties").toString(),
                "KAFKA_BOOTSTRAP", bootstrap, "KAFKA_ADMIN_PASSWORD", "admin-password-1"));
        for (String service : List.of("gateway", "persona", "memory", "analytics")) {
            passwords.put(service, service + "-password-1");
            env.put("ACORE_KAFKA_" + service.toUpperCase() + "_PASSWORD", passwords.get(service));
        }
        broker = script("broker.sh", env).redirectOutput(dir.resolve("broker.log").toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Admin admin = Admin.create(client(EmbeddedKafka.ADMIN, "admin-password-1"))) {
                return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
            }
        });
        Process setup = script("setup.sh", env).redirectOutput(dir.resolve("setup.log").toFile()).start();
        assertThat(setup.waitFor(4, TimeUnit.MINUTES)).as("setup.sh finished").isTrue();
        assertThat(setup.exitValue()).as("setup.sh's exit code; its output: %s",
                Files.readString(dir.resolve("setup.log"))).isZero();
    }

    @AfterAll
    static void stopTheBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSetupScriptGrantsWhatTheAccessListSaysAndCreatesTheTopics() throws Exception {
        try (Admin admin = Admin.create(client(EmbeddedKafka.ADMIN, "admin-password-1"))) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get())
                    .containsExactlyInAnyOrderElementsOf(KafkaSetup.packaged().grants());
            Map<String, Integer> partitions = admin.describeTopics(KafkaSetup.packaged().topics().keySet())
                    .allTopicNames().get().values().stream()
                    .collect(Collectors.toMap(topic -> topic.name(), topic -> topic.partitions().size()));
            assertThat(partitions).isEqualTo(KafkaSetup.packaged().topics());
        }
    }

    @Test
    void aReplyWrittenByAServiceNotAllowedToWriteRepliesIsRefusedAndTheOneThatWritesThemIsNot() throws Exception {
        assertThatThrownBy(() -> send("analytics", passwords.get("analytics")))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("gateway", passwords.get("gateway")))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        send("persona", passwords.get("persona"));
    }

    @Test
    void aClientWithoutTheRightPasswordIsNotSignedIn() {
        assertThatThrownBy(() -> send("persona", "guessed"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aServiceCannotReadInAnotherServicesConsumerGroup() {
        Map<String, Object> settings = new HashMap<>(client(KafkaSetup.userOf("memory"), passwords.get("memory")));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "persona-service.chat-inbound");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("acore.chat.inbound"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    private static void send(String service, String password) throws ExecutionException, InterruptedException {
        Map<String, Object> settings = new HashMap<>(client(KafkaSetup.userOf(service), password));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("acore.chat.outbound", "web:lobby", FORGED_REPLY)).get();
        }
    }

    private static Map<String, Object> client(String user, String password) {
        Map<String, Object> settings = new HashMap<>(KafkaSignIn.settings(user, password));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return settings;
    }

    private static ProcessBuilder script(String name, Map<String, String> env) {
        ProcessBuilder process = new ProcessBuilder("sh", SCRIPTS.resolve(name).toString()).redirectErrorStream(true);
        process.environment().putAll(env);
        return process;
    }
}
