package io.acore.gateway.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.gateway.service.WebChatHub;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the browsers connected to this instance with every line of their conversations: users' messages and
 * personas' replies. It reads both chat topics in a consumer group of its own, so with several gateway replicas
 * each one sees every web line, whichever replica took the message or delivered the reply. Unreadable records
 * are skipped here (the consumers that own those topics dead-letter them).
 */
@ApplicationScoped
public class WebLiveConsumer {
    private final WebChatHub web;

    public WebLiveConsumer(WebChatHub web) {
        this.web = web;
    }

    @Incoming("web-live")
    public void onRecord(ConsumerRecord<String, String> record) {
        if (record.key() != null && !web.watched(record.key())) {
            return; // keyed by conversation: no browser here shows it, so it is not even read
        }
        if (Topics.CHAT_INBOUND.equals(record.topic())) {
            ChatMessage message = EventCodec.decode(record.value(), ChatMessage.class);
            if (message.conversationId().platform() == Platform.WEB) {
                web.userMessage(message);
            }
        } else {
            Reply reply = EventCodec.decode(record.value(), Reply.class);
            if (reply.conversationId().platform() == Platform.WEB) {
                web.reply(reply);
            }
        }
    }
}
