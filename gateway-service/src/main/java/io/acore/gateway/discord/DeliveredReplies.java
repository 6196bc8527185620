package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Reply ids this gateway has posted (or is posting) to Discord, so that a record delivered twice by Kafka (after a
 * rebalance, or a retry upstream) is posted once. A failed post releases its id, so a later redelivery may try
 * again. Bounded in time and size; it does not survive a restart of the gateway.
 */
class DeliveredReplies {
    private final Cache<String, Boolean> claimed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(200_000).build();

    /** True for the first caller with this reply id. */
    boolean claim(String replyId) {
        return claimed.asMap().putIfAbsent(replyId, Boolean.TRUE) == null;
    }

    void release(String replyId) {
        claimed.invalidate(replyId);
    }
}
