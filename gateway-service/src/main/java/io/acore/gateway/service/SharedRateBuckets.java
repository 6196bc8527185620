package io.acore.gateway.service;

import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.service.UserRateLimiter.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Each user's message allowance as every gateway replica sees it: a token bucket per user in the database
 * ({@code gateway.user_rate_bucket}, taken from by {@code gateway.take_message_token} in one round trip). Empty
 * when the database does not answer in time: the caller then decides alone.
 */
@ApplicationScoped
public class SharedRateBuckets {
    private final DataSource database;
    private final int perMinute;

    @Inject
    public SharedRateBuckets(DataSource database, GatewayConfig config) {
        this(database, config.gateway().messagesPerMinute());
    }

    SharedRateBuckets(DataSource database, int perMinute) {
        this.database = database;
        this.perMinute = perMinute;
    }

    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000)
    @Fallback(fallbackMethod = "unknown")
    public Optional<Decision> take(String userId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement take = connection.prepareStatement("SELECT gateway.take_message_token(?, ?)")) {
            take.setString(1, userId);
            take.setInt(2, perMinute);
            try (ResultSet decision = take.executeQuery()) {
                decision.next();
                return Optional.of(switch (decision.getString(1)) {
                    case "allow" -> Decision.ALLOW;
                    case "tell" -> Decision.REFUSE_AND_TELL;
                    default -> Decision.REFUSE_QUIETLY;
                });
            }
        }
    }

    /** Drops the buckets of users quiet for a while: full again, they are the same as none. */
    public int forgetQuietSince(Instant since) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM gateway.user_rate_bucket WHERE updated_at < ?")) {
            forget.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            return forget.executeUpdate();
        }
    }

    Optional<Decision> unknown(String userId) {
        return Optional.empty();
    }
}
