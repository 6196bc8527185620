package io.acore.memory.repository;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import java.time.Instant;

/** One turn of a conversation as memory keeps it. */
public record StoredMessage(String id, ConversationId conversationId, Role role, String authorId, String authorName,
        String content, String inReplyTo, String traceId, Instant occurredAt) {
}
