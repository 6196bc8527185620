package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Messages this instance has already answered, so that a message delivered to it twice (the same Discord message
 * taken in twice, a record redelivered) costs no second model call. It is a saving, not the guarantee: an answer
 * given again has the same reply id ({@link Reply#idFor}), and every consumer keeps it once.
 */
@ApplicationScoped
public class AnsweredMessages {
    private final Cache<String, Boolean> answered = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
            .maximumSize(200_000).build();

    public boolean contains(String messageId) {
        return answered.getIfPresent(messageId) != null;
    }

    public void answered(Reply reply) {
        answered.put(reply.inReplyTo(), Boolean.TRUE);
    }
}
