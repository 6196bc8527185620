package io.acore.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.service.UserRateLimiter.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * This instance's own token bucket per user, for when the shared ones ({@link SharedRateBuckets}) cannot be read:
 * {@code messagesPerMinute} messages at once, refilled evenly over the minute. A user who runs dry hears about it
 * once, not on every further message, until a message gets through again. Idle users' buckets are forgotten, so
 * memory stays bounded.
 */
@ApplicationScoped
public class InstanceRateBuckets {
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int capacity;
    private final long nanosPerToken;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    @Inject
    public InstanceRateBuckets(GatewayConfig config) {
        this(config.gateway().messagesPerMinute(), Ticker.systemTicker());
    }

    InstanceRateBuckets(int messagesPerMinute, Ticker ticker) {
        this.capacity = messagesPerMinute;
        this.nanosPerToken = MINUTE_NANOS / messagesPerMinute;
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofMinutes(2))
                .maximumSize(500_000).build();
    }

    public int messagesPerMinute() {
        return capacity;
    }

    public Decision check(String userId) {
        return buckets.get(userId, id -> new Bucket(capacity, ticker.read())).take(ticker.read());
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;
        private boolean told;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(capacity, tokens + (double) (now - updatedAt) / nanosPerToken);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                told = false;
                return Decision.ALLOW;
            }
            if (told) {
                return Decision.REFUSE_QUIETLY;
            }
            told = true;
            return Decision.REFUSE_AND_TELL;
        }
    }
}
