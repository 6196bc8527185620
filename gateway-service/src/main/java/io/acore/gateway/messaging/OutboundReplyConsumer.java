package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.gateway.discord.DiscordPoster;
import io.acore.gateway.discord.TypingIndicator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Delivers replies once per gateway group: Discord gets final replies (partial ones show the persona typing),
 * web replies are recorded as delivered (browsers are fed by {@link WebLiveConsumer} on every instance).
 * Nothing here blocks; Discord calls are queued by JDA.
 */
@ApplicationScoped
public class OutboundReplyConsumer {
    private final DiscordPoster discord;
    private final TypingIndicator typing;
    private final DeliveryPublisher deliveries;

    public OutboundReplyConsumer(DiscordPoster discord, TypingIndicator typing, DeliveryPublisher deliveries) {
        this.discord = discord;
        this.typing = typing;
        this.deliveries = deliveries;
    }

    @Incoming("chat-outbound")
    public void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (reply.isCancelled()) {
            return;
        }
        Platform platform = reply.conversationId().platform();
        if (platform == Platform.WEB && reply.isFinal()) {
            deliveries.delivered(reply, Platform.WEB, List.of(reply.id()));
        } else if (platform == Platform.DISCORD && reply.isFinal()) {
            discord.post(reply);
        } else if (platform == Platform.DISCORD) {
            typing.whileWorkingOn(reply);
        }
    }
}
