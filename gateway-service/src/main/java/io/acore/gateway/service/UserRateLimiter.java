package io.acore.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * How many messages a user may send, counted across every gateway replica ({@link SharedRateBuckets}); while the
 * database cannot say, this instance counts alone ({@link InstanceRateBuckets}), so messages are neither held up nor
 * let through without a limit.
 */
@ApplicationScoped
public class UserRateLimiter {
    private static final Logger LOG = Logger.getLogger(UserRateLimiter.class);
    /** A bucket untouched this long is full again, and is dropped. */
    private static final Duration QUIET = Duration.ofMinutes(2);

    /** What to do with one message. */
    public enum Decision {
        ALLOW, REFUSE_AND_TELL, REFUSE_QUIETLY
    }

    private final SharedRateBuckets shared;
    private final InstanceRateBuckets own;
    private final Counter decidedAlone;

    public UserRateLimiter(SharedRateBuckets shared, InstanceRateBuckets own, MeterRegistry registry) {
        this.shared = shared;
        this.own = own;
        this.decidedAlone = Counter.builder("acore.gateway.rate.limit.local")
                .description("Messages whose rate limit this instance decided alone, the database not answering")
                .register(registry);
    }

    public int messagesPerMinute() {
        return own.messagesPerMinute();
    }

    /** Blocks for the database's answer (at most half a second): not to be called on an event loop. */
    public Decision check(String userId) {
        try {
            return shared.take(userId).orElseGet(() -> alone(userId));
        } catch (SQLException e) {
            return alone(userId);
        }
    }

    private Decision alone(String userId) {
        decidedAlone.increment();
        return own.check(userId);
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetQuietBuckets() {
        try {
            shared.forgetQuietSince(Instant.now().minus(QUIET));
        } catch (SQLException e) {
            LOG.debugf("forgetting quiet rate buckets put off: %s", e.getMessage());
        }
    }
}
