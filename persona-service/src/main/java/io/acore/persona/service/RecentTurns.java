package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Reply;
import io.acore.events.Role;
import io.acore.events.Sha256;
import io.acore.events.Stage;
import io.acore.events.api.HistoryEntry;
import io.acore.persona.config.PersonaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The last turns this instance handled in each conversation: the messages it took in and the replies it published.
 * memory-service stores the same turns from the topics, a moment later; merged into what memory returns, they make
 * sure a prompt contains the conversation's previous exchange even when memory has not stored it yet, or is down.
 * When memory erases a user, their turns and the replies to them go from here too ({@link #forget}); a message its
 * author deleted or edited goes or changes here as in memory.
 */
@ApplicationScoped
public class RecentTurns {
    private final int kept;
    private final Cache<ConversationId, Deque<HistoryEntry>> byConversation = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(30)).maximumSize(100_000).build();

    public RecentTurns(PersonaConfig config) {
        this.kept = config.historyTurns();
    }

    public void took(ChatMessage message) {
        add(message.conversationId(), new HistoryEntry(message.id(), Role.USER, message.author().id(),
                message.author().name(), message.content(), message.replyTo(),
                Stage.GATEWAY_RECEIVED.in(message.stages()).orElseGet(Instant::now)));
    }

    public void published(Reply reply) {
        reply.kind().role().ifPresent(role -> add(reply.conversationId(), new HistoryEntry(reply.id(), role,
                reply.persona().id(), reply.persona().name(), reply.content(), reply.inReplyTo(),
                Stage.PERSONA_PUBLISHED.in(reply.stages()).orElseGet(Instant::now))));
    }

    /** memory's turns with the ones it does not have yet, oldest first. */
    public List<HistoryEntry> mergedWith(ConversationId conversation, List<HistoryEntry> fromMemory) {
        Deque<HistoryEntry> recent = byConversation.getIfPresent(conversation);
        if (recent == null) {
            return fromMemory;
        }
        Map<String, HistoryEntry> byId = new LinkedHashMap<>();
        synchronized (recent) {
            recent.forEach(entry -> byId.put(entry.id(), entry));
        }
        fromMemory.forEach(entry -> byId.put(entry.id(), entry));
        List<HistoryEntry> merged = new ArrayList<>(byId.values());
        merged.sort(Comparator.comparing(HistoryEntry::at));
        return merged;
    }

    /** Drops every turn by the user whose id has this SHA-256 digest, and every reply to one of them. */
    public void forget(String authorDigest) {
        byConversation.asMap().values().forEach(recent -> drop(recent,
                entry -> Sha256.hex(entry.authorId()).equals(authorDigest)));
    }

    /** A member deleted a message: it goes, with the replies to it. */
    public void deleted(ConversationId conversation, String messageId) {
        Deque<HistoryEntry> recent = byConversation.getIfPresent(conversation);
        if (recent != null) {
            drop(recent, entry -> entry.id().equals(messageId));
        }
    }

    /** A member edited a message: it is shown as it reads now. */
    public void edited(ConversationId conversation, String messageId, String content) {
        Deque<HistoryEntry> recent = byConversation.getIfPresent(conversation);
        if (recent != null) {
            synchronized (recent) {
                List<HistoryEntry> now = recent.stream().map(entry -> entry.id().equals(messageId)
                        ? new HistoryEntry(entry.id(), entry.role(), entry.authorId(), entry.authorName(), content,
                                entry.inReplyTo(), entry.at())
                        : entry).toList();
                recent.clear();
                recent.addAll(now);
            }
        }
    }

    /** Drops the turns that match, and the replies to them. */
    private static void drop(Deque<HistoryEntry> recent, Predicate<HistoryEntry> gone) {
        synchronized (recent) {
            Set<String> dropped = new HashSet<>();
            recent.removeIf(entry -> {
                boolean drop = gone.test(entry) || entry.inReplyTo() != null && dropped.contains(entry.inReplyTo());
                if (drop) {
                    dropped.add(entry.id());
                }
                return drop;
            });
        }
    }

    private void add(ConversationId conversation, HistoryEntry entry) {
        Deque<HistoryEntry> recent = byConversation.get(conversation, id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(entry);
            while (recent.size() > kept) {
                recent.removeFirst();
            }
        }
    }
}
