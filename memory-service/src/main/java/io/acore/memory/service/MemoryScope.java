package io.acore.memory.service;

import io.acore.events.ConversationId;

/**
 * Where a memory may be used. The conversations everyone in a Discord server can read share their server's memories
 * ({@code discord:<guild>}); a channel only some members can read keeps its own, with its threads
 * ({@code discord:<guild>:<channel>}, the channel named by the message's {@code restrictedTo}), and so does a private
 * thread; a direct message and a web session each keep their own (the conversation id). Nothing is read across
 * scopes, so what was said where only some could read it never reaches a reply where others read, what a user said
 * in a DM never surfaces in a server, nor one server's in another's.
 */
public final class MemoryScope {
    /** The scope of operator documents: recalled everywhere. */
    public static final String EVERYWHERE = "*";

    private MemoryScope() {
    }

    /** The scope of a conversation; {@code restrictedTo}: the channel whose readers alone may read it, if any. */
    public static String of(ConversationId conversation, String restrictedTo) {
        if (conversation.guildId() == null) {
            return conversation.toString();
        }
        return restrictedTo == null ? conversation.place() : conversation.place() + ":" + restrictedTo;
    }

    /** Whether a memory of {@code scope} belongs to the conversation's server (any of its channels), or is its own. */
    public static boolean within(String scope, ConversationId conversation) {
        if (conversation.guildId() == null) {
            return scope.equals(conversation.toString());
        }
        String server = conversation.place();
        return scope.equals(server) || scope.startsWith(server + ":");
    }
}
