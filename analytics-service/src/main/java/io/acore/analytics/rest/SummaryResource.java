package io.acore.analytics.rest;

import io.acore.analytics.service.ActivityCounters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Totals since start. Protected by {@link ApiKeyFilter}. */
@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {
    private final ActivityCounters counters;

    public SummaryResource(ActivityCounters counters) {
        this.counters = counters;
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
        return body;
    }
}
