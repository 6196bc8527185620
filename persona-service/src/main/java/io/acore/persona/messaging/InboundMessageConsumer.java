package io.acore.persona.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.persona.service.ReplyGenerator;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Answers chat messages: a conversation's messages one after another, different conversations side by side
 * ({@link ConversationLanes}). A record is acknowledged, so its offset can be committed, only when its answer is
 * published; a record that cannot be read goes to the dead-letter topic; a record whose partition moved to another
 * replica before it was answered is left to that one ({@link RepliesInHand}).
 */
@ApplicationScoped
public class InboundMessageConsumer {
    private final ReplyGenerator generator;
    private final ConversationLanes lanes;
    private final RepliesInHand inHand;

    public InboundMessageConsumer(ReplyGenerator generator, ConversationLanes lanes, RepliesInHand inHand) {
        this.generator = generator;
        this.lanes = lanes;
        this.inHand = inHand;
    }

    /** Returns once the message has a place, so the connector fetches no more than there is room for. */
    @Incoming("chat-inbound")
    public CompletionStage<Void> onMessage(Message<String> record) {
        ChatMessage message;
        try {
            message = EventCodec.decode(record.getPayload(), ChatMessage.class);
        } catch (MalformedEventException e) {
            return record.nack(e);
        }
        RepliesInHand.Hold hold = inHand.hold(record);
        Runnable answer = traced(record).wrap(() -> hold.runWhileHeld(() -> generator.respond(message)));
        return lanes.admit(message.conversationId(), answer)
                .thenAccept(answered -> answered.whenComplete((ok, failure) -> {
                    if (!hold.held()) {
                        return; // the partition's new owner reads the record again
                    } else if (failure == null) {
                        record.ack();
                    } else {
                        record.nack(failure);
                    }
                }));
    }

    /** The trace the record came in with: the answer's memory call, model call and records belong to it. */
    private static Context traced(Message<String> record) {
        return TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext).orElseGet(Context::current);
    }
}
