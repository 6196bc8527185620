package io.acore.gateway.discord;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;

/**
 * One webhook per channel, named {@value #NAME}, through which every persona speaks with its own name and
 * avatar (Discord allows 15 webhooks per channel, so one shared webhook scales to any number of personas).
 * Found or created on first use, then remembered; a failed lookup, or a webhook Discord says is gone, is
 * forgotten so the next reply tries again.
 */
class PersonaWebhooks {
    static final String NAME = "acore";

    private final ConcurrentMap<String, CompletableFuture<Webhook>> byChannel = new ConcurrentHashMap<>();

    CompletableFuture<Webhook> forChannel(IWebhookContainer channel) {
        CompletableFuture<Webhook> webhook = byChannel.computeIfAbsent(channel.getId(), id -> findOrCreate(channel));
        webhook.whenComplete((found, failure) -> {
            if (failure != null) {
                byChannel.remove(channel.getId(), webhook);
            }
        });
        return webhook;
    }

    /** Drops a webhook Discord no longer knows (deleted by a moderator), so the next post finds or makes another. */
    void forget(String channelId) {
        byChannel.remove(channelId);
    }

    private static CompletableFuture<Webhook> findOrCreate(IWebhookContainer channel) {
        try {
            return channel.retrieveWebhooks().submit().thenCompose(existing -> existing.stream()
                    .filter(hook -> NAME.equals(hook.getName()) && hook.getToken() != null)
                    .findFirst()
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> channel.createWebhook(NAME).submit()));
        } catch (RuntimeException missingPermission) {
            return CompletableFuture.failedFuture(missingPermission);
        }
    }
}
