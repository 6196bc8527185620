package io.acore.events.api;

import io.acore.events.ConversationId;
import java.util.List;

/**
 * What persona-service asks memory before it answers a message ({@code POST /api/context}).
 *
 * @param personaId    the persona about to answer: its own facts about the user come with the shared ones
 * @param personaName  its name as members write it (null: its id alone); the message's words addressing it by id or
 *                     name are not what recall looks for
 * @param userId       who wrote the message
 * @param messageId    the message, left out of the recent turns and recalls
 * @param message      its text: what recall looks for
 * @param recentTurns  how many recent turns the caller shows at most: older ones are left to recall
 * @param recentTokens how many tokens of recent turns to return at most (newest kept)
 * @param restrictedTo the message's {@link io.acore.events.ChatMessage#restrictedTo}: it decides which memories
 *                     the conversation's readers may be shown
 * @param absentFrom   the server's channels the persona does not live in: scenes it was not present in, whose turns
 *                     and what was learned from them alone it is not shown (null or empty: none)
 */
public record ContextRequest(ConversationId conversationId, String personaId, String personaName, String userId,
        String messageId, String message, int recentTurns, int recentTokens, String restrictedTo,
        List<ConversationId> absentFrom) {
    public ContextRequest {
        absentFrom = absentFrom == null ? List.of() : List.copyOf(absentFrom);
    }
}
