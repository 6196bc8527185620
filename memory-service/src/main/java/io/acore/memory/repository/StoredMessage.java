package io.acore.memory.repository;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.events.api.HistoryEntry;
import java.time.Instant;

/** One turn of a conversation as memory keeps it. */
public record StoredMessage(String id, ConversationId conversationId, Role role, String authorId, String authorName,
        String content, String inReplyTo, String traceId, Instant occurredAt) {

    /** The turn as memory's APIs return it. */
    public HistoryEntry toHistoryEntry() {
        return new HistoryEntry(id, role, authorId, authorName, content, inReplyTo, occurredAt);
    }
}
