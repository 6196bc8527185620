package io.acore.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) inside this JVM: open to any client, or, as
 * docker-compose runs it (docker/kafka/broker.sh), signing clients in with SCRAM-SHA-512 and allowing them only
 * what ACLs grant.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The broker's own user, allowed everything: it creates the others, their ACLs and the topics. */
    public static final String ADMIN = "admin";

    private final Path logDir;
    private final int port;
    private final String adminPassword;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path logDir, int port, String adminPassword, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.adminPassword = adminPassword;
        this.server = server;
    }

    /** Starts a broker open to any client on {@code port} (0 picks a free one); returns when it accepts clients. */
    public static EmbeddedKafka start(int port) throws IOException {
        return start(port, null);
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) that signs clients in with SCRAM-SHA-512, knows only
     * {@value #ADMIN} (with {@code adminPassword}) at first and allows a client nothing an ACL does not grant.
     */
    public static EmbeddedKafka startSecured(int port, String adminPassword) throws IOException {
        return start(port, adminPassword);
    }

    private static EmbeddedKafka start(int port, String adminPassword) throws IOException {
        int brokerPort = port == 0 ? Ports.free() : port;
        int controllerPort = Ports.free();
        Path logDir = Files.createTempDirectory("acore-kafka-");
        Properties props = brokerProperties(brokerPort, controllerPort, logDir);
        if (adminPassword != null) {
            secure(props, adminPassword);
        }
        Path configFile = logDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "acore embedded broker");
        }
        format(configFile, adminPassword);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(logDir, brokerPort, adminPassword, server);
    }

    private static Properties brokerProperties(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.resolve("data").toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** The client listener becomes SASL_PLAINTEXT; the controller's stays on loopback, reached by this broker only. */
    private static void secure(Properties p, String adminPassword) {
        String clients = p.getProperty("advertised.listeners").replace("PLAINTEXT://", "SASL_PLAINTEXT://");
        p.put("listeners", p.getProperty("listeners").replace("PLAINTEXT://", "SASL_PLAINTEXT://"));
        p.put("advertised.listeners", clients);
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", KafkaSignIn.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", KafkaSignIn.MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", KafkaSignIn.jaas(ADMIN, adminPassword));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    }

    private static void format(Path configFile, String adminPassword) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                configFile.toString()));
        if (adminPassword != null) {
            args.addAll(List.of("--add-scram", KafkaSignIn.MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]"));
        }
        int rc = StorageTool.execute(args.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: " + output);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** What a client needs to reach this broker as {@value #ADMIN}: its address, and the sign-in when secured. */
    public Map<String, Object> adminClient() {
        return adminPassword == null ? Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())
                : client(ADMIN, adminPassword);
    }

    /** What a client needs to reach this secured broker as {@code user}. */
    public Map<String, Object> client(String user, String password) {
        Map<String, Object> settings = new HashMap<>(KafkaSignIn.settings(user, password));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Map.copyOf(settings);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(logDir);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
