package io.acore.persona.service;

import io.acore.persona.config.PersonaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Lets a conversation hear "the model is unreachable" once per cool-down, not on every message. */
@ApplicationScoped
public class NoticeThrottle {
    private final ConcurrentMap<String, Instant> lastNotice = new ConcurrentHashMap<>();
    private final PersonaConfig config;

    public NoticeThrottle(PersonaConfig config) {
        this.config = config;
    }

    public boolean shouldNotify(String conversationId) {
        Instant now = Instant.now();
        boolean[] allowed = {false};
        lastNotice.compute(conversationId, (id, previous) -> {
            if (previous == null || previous.plus(config.noticeCooldown()).isBefore(now)) {
                allowed[0] = true;
                return now;
            }
            return previous;
        });
        lastNotice.values().removeIf(at -> at.plus(config.noticeCooldown()).isBefore(now));
        return allowed[0];
    }
}
