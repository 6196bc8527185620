package io.acore.analytics.service;

import io.acore.analytics.repository.ActivityStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Drops what analytics keeps no longer (see {@link ActivityStore#sweep}); any replica may, the result is the same. */
@ApplicationScoped
public class ActivitySweeper {
    private static final Logger LOG = Logger.getLogger(ActivitySweeper.class);
    private final ActivityStore store;

    public ActivitySweeper(ActivityStore store) {
        this.store = store;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            store.sweep(Instant.now());
        } catch (SQLException e) {
            LOG.debugf("analytics' old counts are dropped next time: %s", e.getMessage());
        }
    }
}
