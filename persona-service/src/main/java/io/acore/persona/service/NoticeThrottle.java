package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.ConversationId;
import io.acore.persona.config.PersonaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets a conversation hear "the model is unreachable" once per cool-down, not on every message. */
@ApplicationScoped
public class NoticeThrottle {
    private final Cache<ConversationId, Boolean> notified;

    public NoticeThrottle(PersonaConfig config) {
        this.notified = Caffeine.newBuilder().expireAfterWrite(config.noticeCooldown()).maximumSize(100_000).build();
    }

    /** Whether the conversation was told within the cool-down. */
    public boolean toldRecently(ConversationId conversationId) {
        return notified.getIfPresent(conversationId) != null;
    }

    public boolean shouldNotify(ConversationId conversationId) {
        return notified.asMap().putIfAbsent(conversationId, Boolean.TRUE) == null;
    }
}
