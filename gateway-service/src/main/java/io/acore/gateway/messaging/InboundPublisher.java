package io.acore.gateway.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Stage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes chat messages keyed by conversation, so each conversation stays in order on one partition. */
@ApplicationScoped
public class InboundPublisher {
    private final MutinyEmitter<Record<String, String>> inbound;

    public InboundPublisher(@Channel("chat-inbound") MutinyEmitter<Record<String, String>> inbound) {
        this.inbound = inbound;
    }

    /** Completes with the message as published once the broker has it. */
    public Uni<ChatMessage> publish(ChatMessage message) {
        ChatMessage stamped = message.withStage(Stage.GATEWAY_PUBLISHED, Instant.now());
        return inbound.send(Record.of(stamped.conversationId().toString(), EventCodec.encode(stamped)))
                .replaceWith(stamped);
    }
}
