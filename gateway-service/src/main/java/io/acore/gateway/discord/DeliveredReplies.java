package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Reply;
import java.time.Duration;

/**
 * Answers this gateway has posted (or is posting) to Discord, so that each is posted once: a record delivered
 * twice by Kafka, or a second answer by the same persona to the same message (persona-service regenerates a
 * reply when it was stopped mid-way and the message is redelivered). A failed post releases its claim, so a
 * later redelivery may try again. Bounded in time and size; it does not survive a restart of the gateway.
 */
class DeliveredReplies {
    private final Cache<String, Boolean> claimed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(200_000).build();

    /** True for the first reply of its persona to its message. */
    boolean claim(Reply reply) {
        return claimed.asMap().putIfAbsent(key(reply), Boolean.TRUE) == null;
    }

    void release(Reply reply) {
        claimed.invalidate(key(reply));
    }

    private static String key(Reply reply) {
        return reply.inReplyTo() + '\u0000' + reply.persona().id() + '\u0000' + reply.kind();
    }
}
