package io.acore.analytics.service;

import io.acore.analytics.repository.ActivityStore;
import io.acore.analytics.repository.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the counts say, as the API and the dashboard show them: the totals, per persona and model, per minute. */
@ApplicationScoped
public class ActivitySummary {
    private static final Instant EVER = Instant.EPOCH;
    private static final int ERRORS_SHOWN = 50;

    private final ActivityStore store;
    private final ReplyTimings timings;

    /**
     * Totals, replies per persona and tokens per persona and model, from one read of the counts.
     *
     * @param totals   the tiles: messages, replies, errors, error rate (errors per message), …, reply time percentiles
     * @param personas replies per persona
     * @param models   prompt and completion tokens per "persona/model"
     */
    public record Overview(Map<String, Object> totals, Map<String, Long> personas,
            Map<String, Map<String, Long>> models) {
    }

    public ActivitySummary(ActivityStore store, ReplyTimings timings) {
        this.store = store;
        this.timings = timings;
    }

    public Overview overview() throws SQLException {
        Map<String, Map<String, Long>> counted = store.totals(EVER);
        Map<String, Object> totals = new LinkedHashMap<>();
        long messages = total(counted, Tally.MESSAGES);
        long errors = total(counted, Tally.ERRORS);
        totals.put("messages", messages);
        totals.put("replies", total(counted, Tally.REPLIES));
        totals.put("notices", total(counted, Tally.NOTICES));
        totals.put("deliveries", total(counted, Tally.DELIVERIES));
        totals.put("errors", errors);
        totals.put("error_rate", messages == 0 ? 0.0 : (double) errors / messages);
        totals.put("dead_letters", total(counted, Tally.DEAD_LETTERS));
        totals.put("total_requests", total(counted, Tally.MODEL_REQUESTS));
        totals.put("rate_limited", total(counted, Tally.RATE_LIMITED));
        totals.put("active_users_today", total(store.totals(Instant.now().atZone(ZoneOffset.UTC).toLocalDate()
                .atStartOfDay(ZoneOffset.UTC).toInstant()), Tally.ACTIVE_USERS));
        counted.getOrDefault(Tally.MEMORY_EVENTS, Map.of())
                .forEach((type, count) -> totals.put("memory_" + type.replace('.', '_'), count));
        timings.latencyPercentiles().forEach((p, millis) -> totals.put("reply_latency_" + p + "_ms", millis));

        Map<String, Map<String, Long>> models = new TreeMap<>();
        for (String metric : List.of(Tally.PROMPT_TOKENS, Tally.COMPLETION_TOKENS)) {
            counted.getOrDefault(metric, Map.of()).forEach((model, amount) ->
                    models.computeIfAbsent(model, m -> new TreeMap<>()).put(metric, amount));
        }
        return new Overview(totals, counted.getOrDefault(Tally.REPLIES, Map.of()), models);
    }

    /** Messages, replies and errors per minute over the last {@code minutes}, oldest first; empty minutes left out. */
    public List<ActivityStore.Minute> perMinute(int minutes) throws SQLException {
        Instant since = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes - 1L));
        return store.perMinute(since, List.of(Tally.MESSAGES, Tally.REPLIES, Tally.ERRORS));
    }

    /** The latest errors, newest first. */
    public List<ActivityStore.RecentError> latestErrors() throws SQLException {
        return store.latestErrors(ERRORS_SHOWN);
    }

    private static long total(Map<String, Map<String, Long>> totals, String metric) {
        return totals.getOrDefault(metric, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
