package io.acore.gateway.service;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Reply;
import io.acore.events.Role;
import io.acore.events.Stage;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Fans out live web-chat lines to the browsers watching a conversation. */
@ApplicationScoped
public class WebChatHub {
    /** A browser's stream, with its conversation's wire form (a record's key) worked out once. */
    private record Watcher(ConversationId conversationId, String key, Consumer<ChatLine> sink) {
    }

    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

    public Multi<ChatLine> watch(ConversationId conversationId) {
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(conversationId, conversationId.toString(), emitter::emit);
            watchers.add(watcher);
            emitter.onTermination(() -> watchers.remove(watcher));
        });
    }

    /** Whether a browser on this instance watches the conversation of this wire form (a record's key). */
    public boolean watched(String conversationId) {
        for (Watcher watcher : watchers) {
            if (watcher.key().equals(conversationId)) {
                return true;
            }
        }
        return false;
    }

    public void userMessage(ChatMessage message) {
        broadcast(message.conversationId(), new ChatLine(message.id(), Role.USER.wireName(),
                new ChatLine.Author(message.author().name(), null), message.content(), false, 0, null,
                Stage.GATEWAY_RECEIVED.in(message.stages()).orElseGet(Instant::now)));
    }

    public void reply(Reply reply) {
        broadcast(reply.conversationId(), new ChatLine(reply.id(), reply.kind().wireName(),
                new ChatLine.Author(reply.persona().name(), reply.persona().id()), reply.content(), reply.partial(),
                reply.sequence(), reply.inReplyTo(), Stage.PERSONA_PUBLISHED.in(reply.stages()).orElseGet(Instant::now)));
    }

    private void broadcast(ConversationId conversationId, ChatLine line) {
        for (Watcher watcher : watchers) {
            if (watcher.conversationId().equals(conversationId)) {
                watcher.sink().accept(line);
            }
        }
    }
}
