package io.acore.memory.repository;

import java.time.Instant;

/** One turn of a conversation as memory keeps it. */
public record StoredMessage(String id, String conversationId, Role role, String authorId, String authorName,
        String content, String inReplyTo, String traceId, Instant occurredAt) {

    public enum Role {
        USER, PERSONA, NOTICE;

        /** The name used in the database, the API and metrics: user, persona, notice. */
        public String wireName() {
            return name().toLowerCase();
        }

        static Role fromColumn(String value) {
            return valueOf(value.toUpperCase());
        }
    }
}
