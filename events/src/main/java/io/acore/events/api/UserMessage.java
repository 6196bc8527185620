package io.acore.events.api;

import io.acore.events.ConversationId;
import java.time.Instant;

/**
 * One message a user wrote, with its conversation, as memory-service's user-data API returns it
 * ({@code GET /api/users/{authorId}/messages}).
 */
public record UserMessage(ConversationId conversationId, String id, String content, Instant at) {
}
