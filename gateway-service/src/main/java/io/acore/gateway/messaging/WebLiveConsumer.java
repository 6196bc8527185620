package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.gateway.service.WebChatHub;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the browsers connected to this instance. It reads the outbound topic in a consumer group of its own, so
 * with several gateway replicas each one sees every web reply, whichever replica delivers it; unreadable records
 * are skipped here (the delivering consumer dead-letters them).
 */
@ApplicationScoped
public class WebLiveConsumer {
    private final WebChatHub web;

    public WebLiveConsumer(WebChatHub web) {
        this.web = web;
    }

    @Incoming("web-live")
    public void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (reply.conversationId().platform() == Platform.WEB) {
            web.reply(reply);
        }
    }
}
