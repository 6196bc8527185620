package io.acore.persona.client;

import java.time.Instant;

/** A turn of conversation history as memory-service returns it; role is user, persona or notice. */
public record HistoryEntry(String id, String role, String authorId, String authorName, String content,
        String inReplyTo, Instant at) {
    public boolean isUser() {
        return "user".equals(role);
    }

    public boolean isPersona() {
        return "persona".equals(role);
    }
}
