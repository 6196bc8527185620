package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.gateway.discord.DiscordBridge;
import io.acore.gateway.service.WebChatHub;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Hands replies to where their conversation lives: the web chat (partials too, so text appears as it streams)
 * or Discord (final replies; partial ones show the persona typing). Nothing here blocks; Discord calls are
 * queued by JDA.
 */
@ApplicationScoped
public class OutboundReplyConsumer {
    static final String WEB = "web";

    private final WebChatHub web;
    private final DiscordBridge discord;
    private final DeliveryPublisher deliveries;

    public OutboundReplyConsumer(WebChatHub web, DiscordBridge discord, DeliveryPublisher deliveries) {
        this.web = web;
        this.discord = discord;
        this.deliveries = deliveries;
    }

    @Incoming("chat-outbound")
    public void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (reply.conversationId().startsWith(WebChatHub.PREFIX)) {
            web.reply(reply);
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
