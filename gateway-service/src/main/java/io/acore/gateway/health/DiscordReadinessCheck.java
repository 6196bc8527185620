package io.acore.gateway.health;

import io.acore.gateway.discord.DiscordConnection;
import io.acore.gateway.discord.PersonaWebhooks;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Discord's state without gating readiness: while Discord is out of reach (or this replica runs no shard)
 * the web chat still needs the replica in service, and replies bound for Discord wait until it is back. The state
 * of each shard this replica runs is in its data, as are channels where personas can only post as the bot (15
 * other webhooks there).
 */
@Readiness
@ApplicationScoped
public class DiscordReadinessCheck implements HealthCheck {
    private final DiscordConnection discord;
    private final PersonaWebhooks webhooks;

    public DiscordReadinessCheck(DiscordConnection discord, PersonaWebhooks webhooks) {
        this.discord = discord;
        this.webhooks = webhooks;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("discord").up()
                .withData("discord", discord.status())
                .withData("connected", !discord.enabled() || discord.connected());
        Set<String> full = webhooks.channelsWithoutFreeSlot();
        if (!full.isEmpty()) {
            response.withData("channels where personas post as the bot (15 other webhooks)", String.join(", ", full));
        }
        return response.build();
    }
}
