package io.acore.analytics.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What the dashboard shows, pushed to every open dashboard every {@value #PERIOD_SECONDS} s: the counts, the last
 * hour per minute, the latest errors, where recent replies spent their time, each service's readiness and how fast it
 * answered. One picture is taken per period whatever the number of dashboards; while the database is out of reach a
 * picture says so instead.
 */
@ApplicationScoped
public class DashboardFeed {
    static final int PERIOD_SECONDS = 2;
    private static final Duration PERIOD = Duration.ofSeconds(PERIOD_SECONDS);
    private static final int CHART_MINUTES = 60;
    private static final Logger LOG = Logger.getLogger(DashboardFeed.class);

    private final ActivitySummary summary;
    private final ReplyTimings timings;
    private final SystemHealth health;
    private Map<String, Object> latest = Map.of();
    private long takenAt;

    public DashboardFeed(ActivitySummary summary, ReplyTimings timings, SystemHealth health) {
        this.summary = summary;
        this.timings = timings;
        this.health = health;
    }

    /** A picture now, then one each period, until the subscriber goes. */
    public Multi<Map<String, Object>> pictures() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(PERIOD)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> latest());
    }

    /** The picture of this period, taken by whichever subscriber asks first. */
    synchronized Map<String, Object> latest() {
        long now = System.nanoTime();
        if (latest.isEmpty() || now - takenAt >= PERIOD.toNanos() * 3 / 4) {
            latest = take();
            takenAt = now;
        }
        return latest;
    }

    private Map<String, Object> take() {
        Map<String, Object> picture = new LinkedHashMap<>();
        picture.put("at", Instant.now());
        picture.put("services", health.services().toCompletableFuture().join());
        picture.put("stages", timings.stagePercentiles());
        try {
            ActivitySummary.Overview overview = summary.overview();
            picture.put("totals", overview.totals());
            picture.put("personas", overview.personas());
            picture.put("models", overview.models());
            picture.put("series", summary.perMinute(CHART_MINUTES));
            picture.put("errors", summary.latestErrors());
        } catch (SQLException e) {
            LOG.debugf(e, "the dashboard's counts could not be read");
            picture.put("error", "analytics' database cannot be reached: " + e.getMessage());
        }
        return picture;
    }
}
