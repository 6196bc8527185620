package io.acore.analytics.rest;

import io.acore.analytics.repository.ActivityStore;
import io.acore.analytics.repository.Tally;
import io.acore.analytics.service.ReplyTimings;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What analytics has counted (the same on every replica, kept across restarts): totals, today's active members,
 * replies per persona, tokens per persona and model, per-minute series, the latest errors; and this replica's recent
 * reply latency. Protected by {@link ApiKeyFilter}.
 */
@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {
    private static final Instant EVER = Instant.EPOCH;
    private static final int LONGEST_SERIES_MINUTES = 48 * 60;

    private final ActivityStore store;
    private final ReplyTimings timings;

    public SummaryResource(ActivityStore store, ReplyTimings timings) {
        this.store = store;
        this.timings = timings;
    }

    /** Totals over everything kept; {@code error_rate}: errors per message taken in. */
    @GET
    public Map<String, Object> summary() throws SQLException {
        Map<String, Map<String, Long>> totals = store.totals(EVER);
        Map<String, Object> body = new LinkedHashMap<>();
        long messages = total(totals, Tally.MESSAGES);
        long errors = total(totals, Tally.ERRORS);
        body.put("messages", messages);
        body.put("replies", total(totals, Tally.REPLIES));
        body.put("notices", total(totals, Tally.NOTICES));
        body.put("deliveries", total(totals, Tally.DELIVERIES));
        body.put("errors", errors);
        body.put("error_rate", messages == 0 ? 0.0 : (double) errors / messages);
        body.put("dead_letters", total(totals, Tally.DEAD_LETTERS));
        body.put("total_requests", total(totals, Tally.MODEL_REQUESTS));
        body.put("rate_limited", total(totals, Tally.RATE_LIMITED));
        body.put("active_users_today", total(store.totals(Instant.now().atZone(ZoneOffset.UTC).toLocalDate()
                .atStartOfDay(ZoneOffset.UTC).toInstant()), Tally.ACTIVE_USERS));
        totals.getOrDefault(Tally.MEMORY_EVENTS, Map.of())
                .forEach((type, count) -> body.put("memory_" + type.replace('.', '_'), count));
        timings.latencyPercentiles().forEach((p, millis) -> body.put("reply_latency_" + p + "_ms", millis));
        return body;
    }

    /** The latest errors, newest first. */
    @GET
    @Path("/errors")
    public List<ActivityStore.RecentError> errors() throws SQLException {
        return store.latestErrors(50);
    }

    /** Replies per persona. */
    @GET
    @Path("/personas")
    public Map<String, Long> personas() throws SQLException {
        return store.totals(EVER).getOrDefault(Tally.REPLIES, Map.of());
    }

    /** Model requests and tokens per persona and model ("persona/model"). */
    @GET
    @Path("/models")
    public Map<String, Map<String, Long>> models() throws SQLException {
        Map<String, Map<String, Long>> totals = store.totals(EVER);
        Map<String, Map<String, Long>> byModel = new TreeMap<>();
        for (String metric : List.of(Tally.PROMPT_TOKENS, Tally.COMPLETION_TOKENS)) {
            totals.getOrDefault(metric, Map.of()).forEach((model, amount) ->
                    byModel.computeIfAbsent(model, m -> new TreeMap<>()).put(metric, amount));
        }
        return byModel;
    }

    /** Messages, replies and errors per minute over the last {@code minutes}, oldest first; empty minutes left out. */
    @GET
    @Path("/series")
    public List<ActivityStore.Minute> series(@QueryParam("minutes") @DefaultValue("60") int minutes)
            throws SQLException {
        if (minutes < 1 || minutes > LONGEST_SERIES_MINUTES) {
            throw new BadRequestException("minutes must be between 1 and " + LONGEST_SERIES_MINUTES);
        }
        Instant since = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes - 1L));
        return store.perMinute(since, List.of(Tally.MESSAGES, Tally.REPLIES, Tally.ERRORS));
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

    private static long total(Map<String, Map<String, Long>> totals, String metric) {
        return totals.getOrDefault(metric, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
