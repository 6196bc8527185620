package io.acore.memory.messaging;

import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemoryEvent;
import io.acore.events.Sha256;
import io.acore.memory.repository.FactRepository;
import io.acore.memory.service.MemoryScope;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Tells analytics what memory learned and let go of, without waiting for the broker. */
@ApplicationScoped
public class MemoryEvents {
    private final MutinyEmitter<Record<String, String>> events;

    public MemoryEvents(@Channel("memory-events")
            @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048) MutinyEmitter<Record<String, String>> events) {
        this.events = events;
    }

    public void summaryMade(ConversationId conversation, String scope, int version, int turnsFolded) {
        publish(MemoryEvent.SUMMARY_MADE, scope, conversation + "#" + version,
                Map.of("version", version, "turns", turnsFolded));
    }

    /** A fact learned, updated or forgotten; a repeated one (or a retraction of nothing) is no event. */
    public void factReconciled(String scope, FactRepository.Outcome outcome, String kind, String subject) {
        String type = switch (outcome) {
            case LEARNED -> MemoryEvent.FACT_LEARNED;
            case UPDATED -> MemoryEvent.FACT_UPDATED;
            case FORGOTTEN -> MemoryEvent.FACT_FORGOTTEN;
            case UNCHANGED, NOTHING -> null;
        };
        if (type != null) {
            publish(type, scope, subject, Map.of("kind", kind));
        }
    }

    /** How warmly a member treated a persona in the turns just read, for persona-service's relationships. */
    public void warmthJudged(String conversationId, String personaId, String userId, int warmth, int turns,
            String newestTurnId) {
        publish(MemoryEvent.WARMTH_JUDGED, ConversationId.fromString(conversationId).place(),
                newestTurnId + "/" + personaId, Map.of("conversationId", conversationId, "personaId", personaId,
                        MemoryEvent.AUTHOR_DIGEST, Sha256.hex(userId), MemoryEvent.WARMTH, warmth, "turns", turns));
    }

    /**
     * A user's erasure: which one (its audit row), how many of their messages went, and who only as a digest, which
     * persona-service matches against the turns it holds.
     */
    public void userForgotten(long auditId, int messages, String authorId) {
        publish(MemoryEvent.USER_FORGOTTEN, MemoryScope.EVERYWHERE, "erasure#" + auditId,
                Map.of("messages", messages, MemoryEvent.AUTHOR_DIGEST, Sha256.hex(authorId)));
    }

    /** A member's deleted message is gone from the database: every replica drops it from its search indexes. */
    public void messageDeleted(String messageId) {
        publish(MemoryEvent.MESSAGE_DELETED, MemoryScope.EVERYWHERE, messageId,
                Map.of(MemoryEvent.MESSAGE_ID, messageId));
    }

    private void publish(String type, String scope, String subject, Map<String, Object> data) {
        String id = MemoryEvent.idFor(type, subject);
        MemoryEvent event = new MemoryEvent(Event.SCHEMA_VERSION, id, id, type, scope, data, Map.of());
        events.sendAndForget(Record.of(scope, EventCodec.encode(event)));
    }
}
