package io.acore.gateway.discord;

import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.gateway.messaging.DeliveryPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * Posts final replies in their Discord channel, each once, and records what became of them on
 * {@code acore.delivery}.
 */
@ApplicationScoped
public class DiscordPoster {
    /** Only users may be pinged by what personas write; never everyone/here or roles. */
    private static final EnumSet<MentionType> PINGABLE = EnumSet.of(MentionType.USER);

    private final DiscordConnection discord;
    private final DeliveryPublisher deliveries;
    private final PersonaWebhooks webhooks = new PersonaWebhooks();
    private final DeliveredReplies delivered = new DeliveredReplies();

    public DiscordPoster(DiscordConnection discord, DeliveryPublisher deliveries) {
        this.discord = discord;
        this.deliveries = deliveries;
    }

    /**
     * Posts a final reply split under Discord's limit, with everyone/here and role pings disabled: as the persona
     * (name and avatar, through the channel's webhook) where the bot may manage webhooks, else as the bot with
     * the persona's name in front. Notices always come from the bot itself. A reply already posted is not posted
     * again.
     */
    public void post(Reply reply) {
        MessageChannel channel = discord.channel(reply.channelId()).orElse(null);
        if (channel == null) {
            deliveries.failed(reply, Platform.DISCORD, discord.enabled()
                    ? "channel " + reply.channelId() + " is not visible to the bot" : "the Discord adapter is off");
            return;
        }
        if (!delivered.claim(reply)) {
            return;
        }
        boolean asPersona = reply.kind() == ReplyKind.PERSONA && channel instanceof IWebhookContainer
                && WebhookNames.isAllowed(reply.persona().name());
        CompletableFuture<List<Message>> sent = asPersona
                ? webhooks.forChannel((IWebhookContainer) channel).handle((webhook, unavailable) -> webhook)
                        .thenCompose(webhook -> webhook == null ? asBot(channel, reply) : asPersona(webhook, reply))
                : asBot(channel, reply);
        sent.whenComplete((messages, error) -> {
            if (error == null) {
                deliveries.delivered(reply, Platform.DISCORD, messages.stream().map(Message::getId).toList());
            } else {
                delivered.release(reply);
                deliveries.failed(reply, Platform.DISCORD, error.getMessage());
            }
        });
    }

    private static CompletableFuture<List<Message>> asPersona(Webhook webhook, Reply reply) {
        return RestAction.allOf(DiscordMessageSplitter.split(reply.content()).stream()
                .map(piece -> webhook.sendMessage(piece)
                        .setUsername(reply.persona().name())
                        .setAvatarUrl(reply.persona().avatarUrl())
                        .setAllowedMentions(PINGABLE))
                .toList()).submit();
    }

    private static CompletableFuture<List<Message>> asBot(MessageChannel channel, Reply reply) {
        String text = reply.kind() == ReplyKind.NOTICE ? "*" + reply.content() + "*"
                : "**" + reply.persona().name() + "**: " + reply.content();
        return RestAction.allOf(DiscordMessageSplitter.split(text).stream()
                .map(piece -> channel.sendMessage(piece).setAllowedMentions(PINGABLE))
                .toList()).submit();
    }
}
