package io.acore.events.api;

/** What memory-service erased at a user's request ({@code DELETE /api/users/{authorId}/messages}). */
public record ErasedMessages(int deleted) {
}
