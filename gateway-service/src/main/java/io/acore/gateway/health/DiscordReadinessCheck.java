package io.acore.gateway.health;

import io.acore.gateway.discord.DiscordConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Discord is connected, or deliberately off (no token): the web chat then works alone. */
@Readiness
@ApplicationScoped
public class DiscordReadinessCheck implements HealthCheck {
    private final DiscordConnection discord;

    public DiscordReadinessCheck(DiscordConnection discord) {
        this.discord = discord;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = !discord.enabled() || discord.connected();
        return HealthCheckResponse.named("discord").status(up).withData("discord", discord.status()).build();
    }
}
