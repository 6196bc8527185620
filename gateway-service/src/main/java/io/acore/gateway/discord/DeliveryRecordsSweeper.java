package io.acore.gateway.discord;

import io.acore.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Drops the records of Discord posts settled longer ago than {@code acore.discord.posting.records-kept}, and the
 * claims a stopped process left half posted that long ago: their reply is no longer on the topic, so nothing would
 * take them over. Every replica sweeps; a sweep repeated does nothing.
 */
@ApplicationScoped
public class DeliveryRecordsSweeper {
    private static final Logger LOG = Logger.getLogger(DeliveryRecordsSweeper.class);

    private final DeliveryClaims claims;
    private final Duration kept;

    public DeliveryRecordsSweeper(DeliveryClaims claims, GatewayConfig config) {
        this.claims = claims;
        this.kept = config.discord().posting().recordsKept();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            LOG.debugf("swept %d Discord post records older than %s",
                    claims.forgetUntouchedSince(Instant.now().minus(kept)), kept);
        } catch (SQLException e) {
            LOG.debugf("sweep put off: %s", e.getMessage());
        }
    }
}
