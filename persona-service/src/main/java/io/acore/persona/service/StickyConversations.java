package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.acore.events.ConversationId;
import io.acore.persona.config.PersonaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembers which persona a user last named in a conversation, for a fixed window from that moment. Being
 * answered does not renew it, so a persona never keeps a conversation forever. Records of one conversation
 * always reach the same instance (they share a Kafka partition), so this state needs no sharing.
 */
@ApplicationScoped
public class StickyConversations {
    /** Who a user is talking to in a conversation. */
    private record Speaker(ConversationId conversationId, String authorId) {
    }

    private final Cache<Speaker, String> personaByUser;

    @Inject
    public StickyConversations(PersonaConfig config) {
        this(config.stickyWindow(), Ticker.systemTicker());
    }

    StickyConversations(Duration window, Ticker ticker) {
        this.personaByUser = Caffeine.newBuilder().expireAfterWrite(window).ticker(ticker).maximumSize(200_000).build();
    }

    public void named(ConversationId conversationId, String authorId, String personaId) {
        personaByUser.put(new Speaker(conversationId, authorId), personaId);
    }

    public Optional<String> current(ConversationId conversationId, String authorId) {
        return Optional.ofNullable(personaByUser.getIfPresent(new Speaker(conversationId, authorId)));
    }
}
