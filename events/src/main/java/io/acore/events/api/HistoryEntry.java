package io.acore.events.api;

import io.acore.events.Role;
import java.time.Instant;

/**
 * One turn of a conversation as memory-service's query API returns it
 * ({@code GET /api/conversations/{conversationId}/messages}).
 *
 * @param authorId the user's id, or the persona's id
 */
public record HistoryEntry(String id, Role role, String authorId, String authorName, String content,
        String inReplyTo, Instant at) {
}
