package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes replies (keyed by conversation) and service events. */
@ApplicationScoped
public class ReplyPublisher {
    private final MutinyEmitter<String> replies;
    private final MutinyEmitter<String> events;

    public ReplyPublisher(@Channel("chat-outbound") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<String> replies,
            @Channel("service-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<String> events) {
        this.replies = replies;
        this.events = events;
    }

    /** Sends a final reply and returns once the broker has it, so the inbound record is acked only after. */
    public void publishFinal(Reply reply) {
        replies.sendMessageAndAwait(keyed(reply.conversationId(), EventCodec.encode(reply)));
    }

    /** Sends a streaming update without waiting; a lost partial is replaced by the next one or the final. */
    public void publishPartial(Reply reply) {
        replies.sendMessageAndForget(keyed(reply.conversationId(), EventCodec.encode(reply)));
    }

    public void publishEvent(ServiceEvent event) {
        String key = event.conversationId() == null ? event.service() : event.conversationId();
        events.sendMessageAndForget(keyed(key, EventCodec.encode(event)));
    }

    private static Message<String> keyed(String key, String payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
