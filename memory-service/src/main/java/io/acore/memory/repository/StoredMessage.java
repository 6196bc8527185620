package io.acore.memory.repository;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.events.api.HistoryEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * One turn of a conversation as memory keeps it; {@code scope}: where it may be recalled ({@code MemoryScope});
 * {@code byBot}: a user turn written by a bot; {@code inReplyTo}: for a persona's reply the id of the message it
 * answers, for a member's message the platform's id of the message it replies to (a Discord reply), if any.
 */
public record StoredMessage(String id, ConversationId conversationId, String scope, Role role, String authorId,
        String authorName,
        boolean byBot, String content, String inReplyTo, String traceId, Instant occurredAt) {

    /** Facts are learned from what people say about themselves, never from personas, notices or other bots. */
    public boolean mayHoldFacts() {
        return role == Role.USER && !byBot;
    }

    /** The id under which memory keeps the turn this one answers, if it answers one. */
    public Optional<String> answers() {
        if (inReplyTo == null) {
            return Optional.empty();
        }
        return Optional.of(role == Role.PERSONA ? inReplyTo : ChatMessage.idFor(conversationId.platform(), inReplyTo));
    }

    /** The turn as memory's APIs return it. */
    public HistoryEntry toHistoryEntry() {
        return new HistoryEntry(id, role, authorId, authorName, content, inReplyTo, occurredAt);
    }
}
