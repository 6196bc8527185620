package io.acore.memory.service;

import io.acore.events.ConversationId;

/**
 * Where a memory may be used: a Discord server's conversations share their server's memories
 * ({@code discord:<guild>}); a direct message and a web session each keep their own (the conversation id). Nothing
 * is read across scopes, so what a user said in a DM never surfaces in a server, nor one server's in another's.
 */
public final class MemoryScope {
    /** The scope of operator documents: recalled everywhere. */
    public static final String EVERYWHERE = "*";

    private MemoryScope() {
    }

    public static String of(ConversationId conversation) {
        if (conversation.guildId() != null) {
            return conversation.platform().wireName() + ":" + conversation.guildId();
        }
        return conversation.toString();
    }
}
