package io.acore.gateway.discord;

import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * Picks how a reply is posted: a persona's through the channel's persona webhook (a thread's through its parent's)
 * under its name mended to Discord's rules; as the bot where there is no webhook to be had (direct messages, a
 * channel without the permission or with 15 other webhooks, a name with nothing left); notices always as the bot.
 */
@ApplicationScoped
class ReplySenders {
    private final PersonaWebhooks webhooks;

    ReplySenders(PersonaWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    Uni<ReplySender> of(MessageChannel channel, Reply reply) {
        return reply.kind() == ReplyKind.PERSONA ? asPersona(channel, reply)
                : Uni.createFrom().item(ReplySender.bot(channel));
    }

    /**
     * The persona's way into the channel whatever the reply became (a notice takes back what the persona said):
     * its webhook, or the bot where the persona cannot have one. A webhook that could not be looked up for a
     * passing reason (a 5xx, a timeout) fails the attempt, to be tried again as the persona.
     */
    Uni<ReplySender> asPersona(MessageChannel channel, Reply reply) {
        Optional<PersonaWebhooks.Home> home = PersonaWebhooks.homeOf(channel);
        Optional<String> name = WebhookNames.sanitised(reply.persona().name());
        if (home.isEmpty() || name.isEmpty()) {
            return Uni.createFrom().item(ReplySender.bot(channel));
        }
        return Uni.createFrom().completionStage(() -> webhooks.forChannel(home.get().channel()))
                .map(webhook -> ReplySender.persona(webhook, name.get(), home.get().threadId(), reply))
                .onFailure(DiscordFailures::noWebhookPossible).recoverWithItem(() -> ReplySender.bot(channel));
    }

    /** After Discord said the webhook is gone: the next post in {@code channel} finds or makes another. */
    void forgetWebhookOf(MessageChannel channel) {
        webhooks.forget(PersonaWebhooks.homeOf(channel).map(home -> home.channel().getId()).orElse(channel.getId()));
    }
}
