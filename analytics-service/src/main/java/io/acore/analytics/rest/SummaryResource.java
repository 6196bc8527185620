package io.acore.analytics.rest;

import io.acore.analytics.repository.ActivityStore;
import io.acore.analytics.repository.Tally;
import io.acore.analytics.service.ActivitySummary;
import io.acore.analytics.service.DashboardFeed;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What analytics has counted (the same on every replica, kept across restarts): totals, today's active members,
 * replies per persona, tokens per persona and model, per-minute series, the latest errors; and this replica's recent
 * reply latency. Protected by {@link ApiKeyFilter}.
 */
@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {
    private static final int LONGEST_SERIES_MINUTES = 48 * 60;

    private final ActivityStore store;
    private final ActivitySummary summary;
    private final DashboardFeed feed;

    public SummaryResource(ActivityStore store, ActivitySummary summary, DashboardFeed feed) {
        this.store = store;
        this.summary = summary;
        this.feed = feed;
    }

    /** Totals over everything kept; {@code error_rate}: errors per message taken in. */
    @GET
    public Map<String, Object> summary() throws SQLException {
        return summary.overview().totals();
    }

    /** The dashboard's picture now and every two seconds after, as server-sent events, while the caller listens. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Map<String, Object>> stream() {
        return feed.pictures();
    }

    /** The latest errors, newest first. */
    @GET
    @Path("/errors")
    public List<ActivityStore.RecentError> errors() throws SQLException {
        return summary.latestErrors();
    }

    /** Replies per persona. */
    @GET
    @Path("/personas")
    public Map<String, Long> personas() throws SQLException {
        return summary.overview().personas();
    }

    /** Model requests and tokens per persona and model ("persona/model"). */
    @GET
    @Path("/models")
    public Map<String, Map<String, Long>> models() throws SQLException {
        return summary.overview().models();
    }

    /** Messages, replies and errors per minute over the last {@code minutes}, oldest first; empty minutes left out. */
    @GET
    @Path("/series")
    public List<ActivityStore.Minute> series(@QueryParam("minutes") @DefaultValue("60") int minutes)
            throws SQLException {
        if (minutes < 1 || minutes > LONGEST_SERIES_MINUTES) {
            throw new BadRequestException("minutes must be between 1 and " + LONGEST_SERIES_MINUTES);
        }
        return summary.perMinute(minutes);
    }

    /** The timeline of one message, found by its trace id or the id of its message, reply or delivery. */
    @GET
    @Path("/timeline/{id}")
    public List<Tally.Step> timeline(@PathParam("id") String id) throws SQLException {
        List<Tally.Step> steps = store.timeline(id);
        if (steps.isEmpty()) {
            throw new NotFoundException("nothing is known of " + id + " (timelines are kept two days)");
        }
        return steps;
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(SQLException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "analytics' database cannot be reached: " + e.getMessage())).build();
    }
}
