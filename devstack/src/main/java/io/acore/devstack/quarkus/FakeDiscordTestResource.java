package io.acore.devstack.quarkus;

import io.acore.devstack.discord.FakeDiscord;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the fake Discord and gives the gateway a bot token and the fake's URLs. */
public class FakeDiscordTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile FakeDiscord discord;

    @Override
    public Map<String, String> start() {
        try {
            discord = FakeDiscord.start();
        } catch (Exception e) {
            throw new IllegalStateException("the fake Discord did not start", e);
        }
        return Map.of("acore.discord.token", "fake-token",
                "acore.discord.rest-url", discord.restUrl(),
                "acore.discord.gateway-url", discord.gatewayUrl());
    }

    public static FakeDiscord discord() {
        return discord;
    }

    @Override
    public void stop() {
        try {
            if (discord != null) {
                discord.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
