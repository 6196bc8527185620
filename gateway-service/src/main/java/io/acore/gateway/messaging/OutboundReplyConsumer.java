package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.gateway.discord.DiscordBridge;
import io.acore.gateway.service.WebChatHub;
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
    static final String WEB = "web";

    private final DiscordBridge discord;
    private final DeliveryPublisher deliveries;

    public OutboundReplyConsumer(DiscordBridge discord, DeliveryPublisher deliveries) {
        this.discord = discord;
        this.deliveries = deliveries;
    }

    @Incoming("chat-outbound")
    public void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (reply.conversationId().startsWith(WebChatHub.PREFIX)) {
            if (reply.isFinal() && !reply.isCancelled()) {
                deliveries.delivered(reply, WEB, List.of(reply.id()));
            }
        } else if (reply.conversationId().startsWith(DiscordBridge.PREFIX)) {
            if (reply.isCancelled()) {
                return;
            } else if (reply.isFinal()) {
                discord.deliver(reply);
            } else {
                discord.showTyping(reply);
            }
        }
    }
}
