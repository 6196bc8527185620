package io.acore.gateway.e2e;

import static org.awaitility.Awaitility.await;

import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.model.ModelScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged services against the fake Discord (the real JDA client connected to it) and a recording stub model,
 * as the Discord drills run them; analytics-service only when asked for.
 */
record DiscordStack(FakeDiscord discord, StubLlmServer stub, DevStack stack) implements AutoCloseable {

    /**
     * @param name             the folder of the services' logs under {@code acore.e2e.logs}
     * @param channelsPerGuild text channels in each of the fake's two servers
     * @param env              settings of the services, beside the fake Discord's and the stub's
     */
    static DiscordStack start(String name, int channelsPerGuild, ModelScript model, boolean analytics,
            Map<String, String> env) throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.e2e.logs", "target/e2e-logs")).resolve(name);
        FakeDiscord discord = FakeDiscord.start(channelsPerGuild);
        StubLlmServer stub = StubLlmServer.start(0, Duration.ofMillis(20), model);
        Map<String, String> all = new HashMap<>(discord.gatewayEnvironment());
        all.put("ACORE_LLM_MODEL", StubLlmServer.MODEL);
        all.putAll(env);
        Map<String, Integer> ports = new HashMap<>(StackConfig.freePorts());
        if (!analytics) {
            ports.remove(StackConfig.ANALYTICS);
        }
        DevStack stack = DevStack.start(new StackConfig(root, ports, 0, 0, null, stub.baseUrl(), Duration.ZERO, all,
                logs), System.out);
        await().atMost(Duration.ofSeconds(60)).until(discord::botConnected);
        return new DiscordStack(discord, stub, stack);
    }

    @Override
    public void close() throws InterruptedException {
        stack.close();
        discord.close();
        stub.close();
    }
}
