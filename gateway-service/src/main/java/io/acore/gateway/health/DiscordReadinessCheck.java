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
 * Ready when Discord is connected, or deliberately off (no token): the web chat then works alone. Channels where
 * personas can only post as the bot (15 other webhooks there) are listed in its data; they do not make it unready.
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
        boolean up = !discord.enabled() || discord.connected();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("discord").status(up)
                .withData("discord", discord.status());
        Set<String> full = webhooks.channelsWithoutFreeSlot();
        if (!full.isEmpty()) {
            response.withData("channels where personas post as the bot (15 other webhooks)", String.join(", ", full));
        }
        return response.build();
    }
}
