package io.acore.persona.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.persona.service.ReplyGenerator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Answers chat messages. Unordered blocking processing lets many slow model calls run side by side instead of
 * queueing behind each other; a record that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class InboundMessageConsumer {
    private final ReplyGenerator generator;

    public InboundMessageConsumer(ReplyGenerator generator) {
        this.generator = generator;
    }

    @Incoming("chat-inbound")
    @Blocking(ordered = false)
    public void onMessage(String payload) {
        generator.respond(EventCodec.decode(payload, ChatMessage.class));
    }
}
