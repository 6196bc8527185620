package io.acore.memory.messaging;

import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.Role;
import io.acore.events.Stage;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.service.ContextCalls;
import io.acore.memory.service.HistoryWriter;
import io.acore.memory.service.MemoryScope;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records every user message and every final reply, a poll's worth of records at a time in one transaction. A
 * record that cannot be read goes to the dead-letter topic with the reason, alone: the rest of its batch is stored,
 * and each record is acknowledged only once what it carries is committed.
 */
@ApplicationScoped
public class ConversationRecorder {
    private static final Logger LOG = Logger.getLogger(ConversationRecorder.class);
    private final HistoryWriter writer;
    private final ContextCalls calls;

    public ConversationRecorder(HistoryWriter writer, ContextCalls calls) {
        this.writer = writer;
        this.calls = calls;
    }

    @Incoming("chat-inbound")
    @Blocking
    public CompletionStage<Void> onMessages(KafkaRecordBatch<String, String> batch) {
        return record(batch, payload -> {
            ChatMessage message = EventCodec.decode(payload, ChatMessage.class);
            return Optional.of(new StoredMessage(message.id(), message.conversationId(),
                    MemoryScope.of(message.conversationId(), message.restrictedTo()), Role.USER,
                    message.author().id(), message.author().name(), message.author().bot(), message.content(), message.replyTo(),
                    message.traceId(), stageOrNow(message.stages(), Stage.GATEWAY_RECEIVED)));
        });
    }

    @Incoming("chat-outbound")
    @Blocking
    public CompletionStage<Void> onReplies(KafkaRecordBatch<String, String> batch) {
        List<String> answered = new ArrayList<>();
        CompletionStage<Void> recorded = record(batch, payload -> {
            Reply reply = EventCodec.decode(payload, Reply.class);
            if (!reply.isFinal()) {
                return Optional.empty();
            }
            answered.add(reply.inReplyTo());
            return reply.kind().role().map(role -> new StoredMessage(reply.id(), reply.conversationId(),
                    MemoryScope.of(reply.conversationId(), reply.restrictedTo()), role,
                    reply.persona().id(), reply.persona().name(), false, reply.content(), reply.inReplyTo(),
                    reply.traceId(), stageOrNow(reply.stages(), Stage.PERSONA_PUBLISHED)));
        });
        tellAnswered(answered);
        return recorded;
    }

    /** Once the replies are stored: background work waiting for them may start (a failure there is not theirs). */
    private void tellAnswered(List<String> messageIds) {
        try {
            messageIds.forEach(calls::answered);
        } catch (RuntimeException e) {
            LOG.debugf("the embedding job was not woken after replies were stored: %s", e.getMessage());
        }
    }

    private CompletionStage<Void> record(KafkaRecordBatch<String, String> batch,
            Function<String, Optional<StoredMessage>> read) {
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        List<KafkaRecord<String, String>> readable = new ArrayList<>();
        List<StoredMessage> turns = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                read.apply(record.getPayload()).ifPresent(turns::add);
                readable.add(record);
            } catch (RuntimeException unreadable) {
                settled.add(record.nack(unreadable).toCompletableFuture());
            }
        }
        writer.record(turns);
        readable.forEach(record -> settled.add(record.ack().toCompletableFuture()));
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    private static Instant stageOrNow(Map<String, Instant> stages, Stage stage) {
        return stage.in(stages).orElseGet(Instant::now);
    }
}
