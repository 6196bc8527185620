package io.acore.testkit.discord;

import io.acore.testkit.InjectTestResource;
import io.acore.testkit.InjectedFields;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the fake Discord (two text channels in each guild) and points the gateway's Discord adapter at it with a
 * bot token. Tests get the
 * {@link FakeDiscord} in a field marked {@link InjectTestResource}.
 */
public class FakeDiscordResource implements QuarkusTestResourceLifecycleManager {
    private FakeDiscord discord;

    @Override
    public Map<String, String> start() {
        try {
            discord = FakeDiscord.start(2);
        } catch (Exception e) {
            throw new IllegalStateException("the fake Discord did not start", e);
        }
        return discord.gatewaySettings();
    }

    @Override
    public void inject(TestInjector injector) {
        InjectedFields.fill(injector, FakeDiscord.class, discord);
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
