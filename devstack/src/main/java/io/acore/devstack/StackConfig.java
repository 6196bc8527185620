package io.acore.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run the whole stack.
 *
 * @param root          the repository root, where each service's packaged application lives
 * @param ports         HTTP port per service name; only the services named here are started
 * @param kafkaPort     the broker's port (0: any free one)
 * @param postgresPort  the database's port (0: any free one, and the data is thrown away afterwards)
 * @param postgresData  where the database keeps its files across runs; null for a throwaway database
 * @param llmBaseUrl    an OpenAI-compatible base URL; null starts the built-in stub model
 * @param stubLatency   how long the stub model takes before its first token
 * @param serviceEnv    extra environment for every service; {@code ACORE_DB_URL}, {@code _USER} and
 *                      {@code _PASSWORD} here point the services at another database than the embedded one
 * @param logDir        where service logs go; null forwards them to the console
 */
public record StackConfig(Path root, Map<String, Integer> ports, int kafkaPort, int postgresPort, Path postgresData,
        String llmBaseUrl, Duration stubLatency, Map<String, String> serviceEnv, Path logDir) {

    public static final String GATEWAY = "gateway";
    public static final String PERSONA = "persona";
    public static final String MEMORY = "memory";
    public static final String ANALYTICS = "analytics";

    /** The default ports, as documented in the README. */
    public static Map<String, Integer> defaultPorts() {
        return Map.of(GATEWAY, 8080, PERSONA, 8081, MEMORY, 8082, ANALYTICS, 8083);
    }

    /** A free port for memory-service alone, for tools that measure it by itself. */
    public static Map<String, Integer> memoryOnly() {
        return Map.of(MEMORY, Ports.free());
    }

    /** Free ports for every service, for a stack that must not collide with one already running. */
    public static Map<String, Integer> freePorts() {
        return Map.of(GATEWAY, Ports.free(), PERSONA, Ports.free(), MEMORY, Ports.free(), ANALYTICS, Ports.free());
    }
}
