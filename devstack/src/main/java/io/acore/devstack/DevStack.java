package io.acore.devstack;

import io.acore.events.api.ServiceToken;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole of acore on one machine: an in-JVM Kafka broker, an embedded PostgreSQL, the stub model when no real
 * one is configured, and the four services as child processes. Used by {@code ./acore up}, the benchmarks and the end-to-end test.
 */
public final class DevStack implements AutoCloseable {
    private static final String SERVICE_TOKEN = "ACORE_SERVICE_TOKEN";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, List<ServiceProcess>> replicas = new HashMap<>();
    private final Map<String, String> serviceEnv = new HashMap<>();
    /** Each service's password on the broker, made up for this run (the user is {@link KafkaSetup#userOf}). */
    private final Map<String, String> kafkaPasswords = new HashMap<>();
    private StackConfig config;
    private PrintStream console;
    private EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;
    private StubLlmServer stubLlm;
    private String llmBaseUrl;

    private DevStack() {
    }

    public static DevStack start(StackConfig config, PrintStream console) throws Exception {
        DevStack stack = new DevStack();
        try {
            stack.startInfrastructure(config, console);
            stack.startServices(config, console);
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure(StackConfig config, PrintStream console) throws Exception {
        refuseBusyPorts(config);
        // the admin's password is made up unless given (./acore replay-dead-letters signs in with the same)
        String adminPassword = System.getenv("KAFKA_ADMIN_PASSWORD");
        kafka = remember(EmbeddedKafka.startSecured(config.kafkaPort(),
                adminPassword == null || adminPassword.isBlank() ? freshSecret() : adminPassword));
        setUpKafka();
        console.println("devstack | Kafka broker ready at " + kafka.bootstrapServers());
        postgres = remember(config.postgresData() == null
                ? EmbeddedPostgresServer.startEphemeral()
                : EmbeddedPostgresServer.startPersistent(config.postgresPort(), config.postgresData()));
        console.println("devstack | PostgreSQL ready at " + postgres.jdbcUrl());
        if (config.llmBaseUrl() == null || config.llmBaseUrl().isBlank()) {
            stubLlm = remember(StubLlmServer.start(0, config.stubLatency()));
            llmBaseUrl = stubLlm.baseUrl();
            console.println("devstack | no ACORE_LLM_BASE_URL: using the stub model at " + llmBaseUrl
                    + " (replies start with " + StubLlmServer.MARK + ")");
        } else {
            llmBaseUrl = config.llmBaseUrl();
            console.println("devstack | model server: " + llmBaseUrl);
        }
    }

    private static void refuseBusyPorts(StackConfig config) {
        List<String> busy = new ArrayList<>();
        config.ports().forEach((name, port) -> {
            if (Ports.inUse(port)) {
                busy.add(name + " " + port);
            }
        });
        if (config.kafkaPort() != 0 && Ports.inUse(config.kafkaPort())) {
            busy.add("kafka " + config.kafkaPort());
        }
        if (config.postgresPort() != 0 && Ports.inUse(config.postgresPort())) {
            busy.add("postgres " + config.postgresPort());
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + " (is another acore running? stop it, or set the ACORE_*_PORT variables)");
        }
    }

    /** The services' users, their ACLs and the topics, as docker-compose's kafka-setup makes them. */
    private void setUpKafka() throws InterruptedException, ExecutionException {
        KafkaSetup setup = KafkaSetup.packaged();
        Map<String, String> passwords = new HashMap<>();
        for (String service : StackConfig.defaultPorts().keySet()) {
            kafkaPasswords.put(service, freshSecret());
            passwords.put(KafkaSetup.userOf(service), kafkaPasswords.get(service));
        }
        try (Admin admin = Admin.create(kafka.adminClient())) {
            setup.apply(admin, passwords);
        }
    }

    private static String freshSecret() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private void startServices(StackConfig config, PrintStream console) throws Exception {
        this.config = config;
        this.console = console;
        Map<String, String> common = serviceEnv;
        common.putAll(config.serviceEnv());
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("ACORE_MEMORY_URL", url(config, StackConfig.MEMORY));
        common.put("ACORE_PERSONA_URL", url(config, StackConfig.PERSONA));
        common.put("ACORE_SERVICES_GATEWAY_URL", url(config, StackConfig.GATEWAY));
        common.put("ACORE_SERVICES_PERSONA_URL", url(config, StackConfig.PERSONA));
        common.put("ACORE_SERVICES_MEMORY_URL", url(config, StackConfig.MEMORY));
        common.put("ACORE_SERVICES_ANALYTICS_URL", url(config, StackConfig.ANALYTICS));
        common.put("ACORE_LLM_BASE_URL", llmBaseUrl);
        if (stubLlm != null) {
            common.put("ACORE_LLM_MODEL", StubLlmServer.MODEL);
        }
        // the services listen on loopback only unless told otherwise; their internal APIs share a fresh secret
        common.put("QUARKUS_HTTP_HOST", System.getenv().getOrDefault("ACORE_BIND_HOST", "127.0.0.1"));
        if (!common.containsKey(SERVICE_TOKEN) && System.getenv(SERVICE_TOKEN) == null) {
            common.put(SERVICE_TOKEN, freshSecret());
        }
        common.put("KAFKA_SECURITY_PROTOCOL", KafkaSignIn.PROTOCOL);
        common.putIfAbsent("ACORE_DB_URL", postgres.jdbcUrl());
        common.putIfAbsent("ACORE_DB_USER", postgres.username());
        common.putIfAbsent("ACORE_DB_PASSWORD", postgres.password());

        for (String name : List.of(StackConfig.MEMORY, StackConfig.PERSONA, StackConfig.ANALYTICS, StackConfig.GATEWAY)) {
            if (config.ports().containsKey(name)) {
                services.put(name, launch(name, 1, config.ports().get(name), Map.of()));
            }
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(READY_TIMEOUT);
            console.println("devstack | " + service.name() + " ready at " + service.baseUrl());
        }
    }

    /**
     * Starts one more instance of a service (a replica, as an orchestrator would scale it) on a free port, with
     * {@code env} on top of what every service gets, and waits until it is ready.
     */
    public ServiceProcess startReplica(String name, Map<String, String> env) throws Exception {
        List<ServiceProcess> more = replicas.computeIfAbsent(name, n -> new ArrayList<>());
        ServiceProcess replica = launch(name, more.size() + 2, Ports.free(), env);
        more.add(replica);
        replica.awaitReady(READY_TIMEOUT);
        console.println("devstack | " + replica.name() + " ready at " + replica.baseUrl());
        return replica;
    }

    private ServiceProcess launch(String name, int instance, int port, Map<String, String> extraEnv) throws Exception {
        String instanceId = name + "-" + instance;
        // "{service}" in the options becomes the instance's name, e.g. a flight recording's file per service
        // the options every acore JVM runs with (docker/jvm.options); ACORE_JAVA_OPTS comes after and wins
        List<String> jvmOptions = new ArrayList<>(List.of("@" + config.root().resolve("docker/jvm.options")));
        jvmOptions.addAll(List.of(System.getenv().getOrDefault("ACORE_JAVA_OPTS", "-Xmx384m")
                .replace("{service}", instanceId).split("\\s+")));
        Path jar = config.root().resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
        Path log = config.logDir() == null ? null
                : config.logDir().resolve((instance == 1 ? name : instanceId) + ".log");
        Map<String, String> env = new HashMap<>(serviceEnv);
        env.put("ACORE_INSTANCE_ID", instanceId);
        env.put("ACORE_KAFKA_USER", KafkaSetup.userOf(name));
        env.put("ACORE_KAFKA_PASSWORD", kafkaPasswords.get(name));
        env.putAll(extraEnv);
        return remember(ServiceProcess.start(instance == 1 ? name : instanceId, jar, port, env, jvmOptions, log,
                console));
    }

    private static String url(StackConfig config, String service) {
        return "http://localhost:" + config.ports().get(service);
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.add(resource);
        return resource;
    }

    /** The secret the services present to each other's internal APIs (memory-service's): tools that call them need it. */
    public String serviceToken() {
        return serviceEnv.getOrDefault(SERVICE_TOKEN, System.getenv(SERVICE_TOKEN));
    }

    /** A request to memory-service's API as the other services make it: with the service token. */
    public HttpRequest.Builder memoryRequest(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(serviceUrl(StackConfig.MEMORY) + pathAndQuery))
                .header(ServiceToken.HEADER, ServiceToken.bearer(serviceToken()));
    }

    public String serviceUrl(String name) {
        return services.get(name).baseUrl();
    }

    /** One of the four services, for tests and tools that stop and start it. */
    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /**
     * Stops the database at once, as an outage would. Only for a stack whose database keeps its files
     * ({@link StackConfig#postgresData()} set), so that {@link #startDatabase()} brings it back as it was.
     */
    public void stopDatabase() throws IOException {
        if (config.postgresData() == null) {
            throw new IllegalStateException("a throwaway database cannot come back: set postgresData");
        }
        postgres.close();
    }

    /** Starts the stopped database again, on the same port with the same data. */
    public void startDatabase() throws IOException {
        EmbeddedPostgresServer stopped = postgres;
        postgres = EmbeddedPostgresServer.startPersistent(config.postgresPort(), config.postgresData());
        started.set(started.indexOf(stopped), postgres);
    }

    /** A new connection to the services' database, for tools that load or count rows directly. */
    public Connection openDatabase() throws SQLException {
        return DriverManager.getConnection(serviceEnv.get("ACORE_DB_URL"), serviceEnv.get("ACORE_DB_USER"),
                serviceEnv.get("ACORE_DB_PASSWORD"));
    }

    /** Settings for a Kafka client of a tool or test: the broker's address, signed in as its admin. */
    public Map<String, Object> kafkaClient() {
        return kafka.adminClient();
    }

    /** {@link #kafkaClient()} with a client's own settings on top. */
    public Map<String, Object> kafkaClient(Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(kafka.adminClient());
        settings.putAll(own);
        return settings;
    }

    /** Settings for a Kafka client signed in as {@code service} is, allowed only what that service is. */
    public Map<String, Object> kafkaClientOf(String service) {
        return kafka.client(KafkaSetup.userOf(service), kafkaPasswords.get(service));
    }

    /** Stops the services first (all at once), then the stub model, the database and the broker. */
    @Override
    public void close() {
        services.values().forEach(ServiceProcess::requestStop);
        replicas.values().forEach(more -> more.forEach(ServiceProcess::requestStop));
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("devstack | stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        started.clear();
    }
}
