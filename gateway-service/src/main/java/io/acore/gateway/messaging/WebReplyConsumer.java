package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records each final web reply as delivered, once per gateway group: browsers are fed by {@link WebLiveConsumer}
 * on every instance, so a reply on the topic is a reply shown. Discord replies are {@link DiscordReplyConsumer}'s.
 */
@ApplicationScoped
public class WebReplyConsumer {
    private final DeliveryPublisher deliveries;

    public WebReplyConsumer(DeliveryPublisher deliveries) {
        this.deliveries = deliveries;
    }

    /** The record is acknowledged once the broker has the delivery record. */
    @Incoming("chat-outbound")
    public Uni<Void> onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (!reply.isCancelled() && reply.isFinal() && reply.conversationId().platform() == Platform.WEB) {
            return deliveries.delivered(reply, Platform.WEB, List.of(reply.id()));
        }
        return Uni.createFrom().voidItem();
    }
}
