package io.acore.memory.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.Role;
import io.acore.events.Stage;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.service.HistoryWriter;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records every user message and every final reply. A record that cannot be read throws, which sends it to the
 * dead-letter topic with the reason; the consumer then carries on with the next one.
 */
@ApplicationScoped
public class ConversationRecorder {
    private final HistoryWriter writer;

    public ConversationRecorder(HistoryWriter writer) {
        this.writer = writer;
    }

    @Incoming("chat-inbound")
    @Blocking
    public void onMessage(String payload) {
        ChatMessage message = EventCodec.decode(payload, ChatMessage.class);
        writer.record(new StoredMessage(message.id(), message.conversationId(), Role.USER, message.author().id(),
                message.author().name(), message.content(), message.replyTo(), message.traceId(),
                stageOrNow(message.stages(), Stage.GATEWAY_RECEIVED)));
    }

    @Incoming("chat-outbound")
    @Blocking
    public void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (reply.isFinal()) {
            reply.kind().role().ifPresent(role -> writer.record(new StoredMessage(reply.id(), reply.conversationId(),
                    role, reply.persona().id(), reply.persona().name(), reply.content(), reply.inReplyTo(),
                    reply.traceId(), stageOrNow(reply.stages(), Stage.PERSONA_PUBLISHED))));
        }
    }

    private static Instant stageOrNow(Map<String, Instant> stages, Stage stage) {
        return stage.in(stages).orElseGet(Instant::now);
    }
}
