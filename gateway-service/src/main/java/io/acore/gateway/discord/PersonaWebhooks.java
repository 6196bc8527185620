package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.jboss.logging.Logger;

/**
 * One webhook per channel, named {@value #NAME}, through which every persona speaks with its own name and avatar
 * (Discord allows 15 webhooks per channel, so one shared webhook scales to any number of personas); threads and forum
 * posts use their parent channel's webhook. Found or created on first use, then remembered (concurrent posts in a
 * channel wait for the same lookup, so they never create two); a failed lookup, or a webhook Discord says is gone
 * (deleted by a moderator), is forgotten so the next post finds or makes another. A channel that already holds
 * Discord's 15 webhooks, none of them ours, is left alone for {@link #FULL_FOR} — personas post there as the bot,
 * named — and reported once: in the log and in the readiness check's data. A channel's webhook is remembered while
 * personas post there ({@link #KEPT_FOR} after the last post, {@link #CHANNELS} channels at most), then looked up
 * again.
 */
@ApplicationScoped
public class PersonaWebhooks {
    static final String NAME = "acore";
    static final Duration FULL_FOR = Duration.ofMinutes(10);
    static final Duration KEPT_FOR = Duration.ofHours(6);
    static final int CHANNELS = 50_000;
    private static final Logger LOG = Logger.getLogger(PersonaWebhooks.class);

    private final ConcurrentMap<String, CompletableFuture<Webhook>> byChannel;
    private final Cache<String, Boolean> full = Caffeine.newBuilder().expireAfterWrite(FULL_FOR).build();
    private final Set<String> reported = Collections.newSetFromMap(
            Caffeine.newBuilder().maximumSize(CHANNELS).<String, Boolean>build().asMap());

    public PersonaWebhooks() {
        this(Ticker.systemTicker());
    }

    PersonaWebhooks(Ticker ticker) {
        this.byChannel = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(KEPT_FOR).maximumSize(CHANNELS)
                .<String, CompletableFuture<Webhook>>build().asMap();
    }

    /** Where a persona's message in {@code channel} goes: the webhook's channel, and the thread to post in, if any. */
    record Home(IWebhookContainer channel, String threadId) {
    }

    static Optional<Home> homeOf(MessageChannel channel) {
        if (channel instanceof IWebhookContainer container) {
            return Optional.of(new Home(container, null));
        }
        if (channel instanceof ThreadChannel thread && thread.getParentChannel() instanceof IWebhookContainer parent) {
            return Optional.of(new Home(parent, thread.getId()));
        }
        return Optional.empty();
    }

    CompletableFuture<Webhook> forChannel(IWebhookContainer channel) {
        if (full.getIfPresent(channel.getId()) != null) {
            return CompletableFuture.failedFuture(new DiscordFailures.NoWebhookSlot(channel.getId()));
        }
        CompletableFuture<Webhook> known = byChannel.get(channel.getId());
        if (known != null && known.isDone() && !known.isCompletedExceptionally()
                && known.join().getJDA() != channel.getJDA()) {
            // found through a session since closed (the shard was given up and taken back): find it again
            byChannel.remove(channel.getId(), known);
        }
        CompletableFuture<Webhook> webhook = byChannel.computeIfAbsent(channel.getId(), id -> findOrCreate(channel));
        webhook.whenComplete((found, failure) -> {
            if (failure != null) {
                byChannel.remove(channel.getId(), webhook);
                if (DiscordFailures.noWebhookSlot(failure)) {
                    markFull(channel);
                }
            }
        });
        return webhook;
    }

    /** Drops a webhook Discord no longer knows, so the next post finds or makes another. */
    void forget(String channelId) {
        byChannel.remove(channelId);
    }

    /** Channels where personas post as the bot because 15 other webhooks fill them (ids, sorted). */
    public Set<String> channelsWithoutFreeSlot() {
        return new TreeSet<>(full.asMap().keySet());
    }

    private void markFull(IWebhookContainer channel) {
        full.put(channel.getId(), Boolean.TRUE);
        if (reported.add(channel.getId())) {
            LOG.warnf("Channel #%s (%s) already has Discord's 15 webhooks and none is acore's: personas post there as"
                    + " the bot, with their names in front. Delete a webhook there to let them speak as themselves.",
                    channel.getName(), channel.getId());
        }
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
