package io.acore.gateway.service;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.events.api.HistoryEntry;
import io.acore.gateway.client.MemoryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** A conversation's history for the web chat, read from memory-service. */
@ApplicationScoped
public class ChatHistory {
    private final MemoryClient memory;

    public ChatHistory(@RestClient MemoryClient memory) {
        this.memory = memory;
    }

    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "unavailable")
    public List<ChatLine> lines(ConversationId conversationId, int limit) {
        return memory.recent(conversationId, limit).stream().map(ChatHistory::toLine).toList();
    }

    List<ChatLine> unavailable(ConversationId conversationId, int limit, Throwable cause) {
        throw new HistoryUnavailableException("history is unavailable right now: memory-service did not answer ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    private static ChatLine toLine(HistoryEntry entry) {
        boolean user = entry.role() == Role.USER;
        return new ChatLine(entry.id(), entry.role().wireName(),
                new ChatLine.Author(entry.authorName(), user ? null : entry.authorId()),
                entry.content(), false, 0, entry.inReplyTo(), entry.at());
    }
}
