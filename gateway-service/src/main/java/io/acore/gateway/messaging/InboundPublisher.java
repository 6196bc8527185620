package io.acore.gateway.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Stage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes chat messages keyed by conversation, so each conversation stays in order on one partition. */
@ApplicationScoped
public class InboundPublisher {
    private final MutinyEmitter<String> inbound;

    public InboundPublisher(@Channel("chat-inbound") MutinyEmitter<String> inbound) {
        this.inbound = inbound;
    }

    public Uni<ChatMessage> publish(ChatMessage message) {
        ChatMessage stamped = message.withStage(Stage.GATEWAY_PUBLISHED, Instant.now());
        Message<String> record = Message.of(EventCodec.encode(stamped)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(stamped.conversationId()).build());
        return inbound.sendMessage(record).replaceWith(stamped);
    }
}
