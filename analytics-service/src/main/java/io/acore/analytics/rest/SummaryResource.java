package io.acore.analytics.rest;

import io.acore.analytics.service.ActivityCounters;
import io.acore.analytics.service.RecentErrors;
import io.acore.analytics.service.ReplyTimings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Totals since start, recent reply latency, replies per persona, latest errors. Protected by {@link ApiKeyFilter}. */
@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {
    private final ActivityCounters counters;
    private final ReplyTimings timings;

    public SummaryResource(ActivityCounters counters, ReplyTimings timings) {
        this.counters = counters;
        this.timings = timings;
    }

    @GET
    public Map<String, Long> summary() {
        ActivityCounters.Summary s = counters.summary();
        Map<String, Long> body = new LinkedHashMap<>();
        body.put("messages", s.messages());
        body.put("replies", s.replies());
        body.put("notices", s.notices());
        body.put("deliveries", s.deliveries());
        body.put("errors", s.errors());
        body.put("dead_letters", s.deadLetters());
        body.put("total_requests", s.totalRequests());
        counters.memoryEvents().forEach((type, count) -> body.put("memory_" + type.replace('.', '_'), count));
        timings.latencyPercentiles().forEach((p, millis) -> body.put("reply_latency_" + p + "_ms", millis));
        return body;
    }

    /** The latest errors, newest first. */
    @GET
    @Path("/errors")
    public List<RecentErrors.RecentError> errors() {
        return counters.latestErrors();
    }

    /** Replies per persona since start. */
    @GET
    @Path("/personas")
    public Map<String, Long> personas() {
        return timings.repliesByPersona();
    }
}
