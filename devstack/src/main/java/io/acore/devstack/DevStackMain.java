package io.acore.devstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code ./acore up}: runs the whole stack in the foreground until Ctrl-C or SIGTERM. */
public final class DevStackMain {
    private DevStackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !"up".equals(args[0])) {
            System.err.println("usage: acore up");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        Map<String, Integer> ports = new HashMap<>();
        StackConfig.defaultPorts().forEach((name, port) ->
                ports.put(name, intEnv(env, "ACORE_" + name.toUpperCase() + "_PORT", port)));

        Map<String, String> serviceEnv = new HashMap<>();
        String apiKey = env.get("ACORE_ANALYTICS_API_KEY");
        boolean generatedKey = apiKey == null || apiKey.isBlank();
        if (generatedKey) {
            apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            serviceEnv.put("ACORE_ANALYTICS_API_KEY", apiKey);
        }
        StackConfig config = new StackConfig(root, ports,
                intEnv(env, "ACORE_KAFKA_PORT", 9092),
                intEnv(env, "ACORE_POSTGRES_PORT", 55432),
                root.resolve(".acore/pgdata"),
                env.get("ACORE_LLM_BASE_URL"),
                Duration.ofMillis(intEnv(env, "ACORE_STUB_LATENCY_MS", 300)),
                serviceEnv, null);

        CountDownLatch stopped = new CountDownLatch(1);
        DevStack stack = DevStack.start(config, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("devstack | stopping…");
            stack.close();
            System.out.println("devstack | stopped");
            stopped.countDown();
        }, "devstack-shutdown"));

        System.out.println();
        System.out.println("  acore is up.");
        System.out.println("  Chat:      " + stack.serviceUrl(StackConfig.GATEWAY) + "/");
        System.out.println("  Dashboard: " + stack.serviceUrl(StackConfig.ANALYTICS) + "/");
        System.out.println("  Personas:  " + stack.serviceUrl(StackConfig.PERSONA) + "/api/personas");
        if (generatedKey) {
            System.out.println("  Analytics API key for this run: " + apiKey + " (set ACORE_ANALYTICS_API_KEY to choose one)");
        }
        System.out.println("  Ctrl-C stops everything.");
        System.out.println();
        stopped.await();
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
