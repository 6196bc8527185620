package io.acore.events;

import java.time.Instant;

/**
 * One turn of a conversation as memory-service's query API returns it
 * ({@code GET /api/conversations/{conversationId}/messages}).
 *
 * @param role     {@link #USER}, {@link #PERSONA} or {@link #NOTICE}
 * @param authorId the user's id, or the persona's id
 */
public record HistoryEntry(String id, String role, String authorId, String authorName, String content,
        String inReplyTo, Instant at) {

    public static final String USER = "user";
    public static final String PERSONA = "persona";
    public static final String NOTICE = "notice";

    public boolean isUser() {
        return USER.equals(role);
    }

    public boolean isPersona() {
        return PERSONA.equals(role);
    }
}
