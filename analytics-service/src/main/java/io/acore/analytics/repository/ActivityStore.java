package io.acore.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The counts every analytics replica shares (schema analytics): each event counted once by its kind and id, per
 * minute (kept two days) and per hour (kept 400 days), and the latest errors. While PostgreSQL is down a batch waits
 * for it: its records are neither acknowledged nor dead-lettered.
 */
@ApplicationScoped
public class ActivityStore {
    private static final int ERRORS_KEPT = 200;
    /** How long event ids, minutes and timelines are kept. */
    private static final Duration KEPT_IN_DETAIL = Duration.ofDays(2);
    private static final int MAX_DETAIL = 500;
    private static final String COUNTED = """
            INSERT INTO analytics.counted_event (kind, id) SELECT * FROM unnest(?::text[], ?::text[])
            ON CONFLICT DO NOTHING RETURNING kind, id
            """;
    private static final String ADD = """
            INSERT INTO analytics.activity_%1$s (%1$s, metric, label, amount)
            SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::bigint[])
            ON CONFLICT (%1$s, metric, label) DO UPDATE SET amount = activity_%1$s.amount + EXCLUDED.amount
            """;
    private static final String ERROR = """
            INSERT INTO analytics.recent_error (id, at, source, type, detail, trace_id) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;
    private static final String STEP = """
            INSERT INTO analytics.trace_step (trace_id, event_id, step, at, service, detail) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;
    private static final String TRACE_OF = "SELECT trace_id FROM analytics.trace_step WHERE trace_id = ?"
            + " UNION ALL SELECT trace_id FROM analytics.trace_step WHERE event_id = ? LIMIT 1";
    private static final String TIMELINE = "SELECT step, at, service, detail FROM analytics.trace_step"
            + " WHERE trace_id = ? ORDER BY at, step";
    private static final String TOTALS = "SELECT metric, label, sum(amount) AS amount FROM analytics.activity_hour"
            + " WHERE hour >= ? GROUP BY metric, label";
    private static final String PER_MINUTE = "SELECT minute, metric, sum(amount) AS amount"
            + " FROM analytics.activity_minute WHERE minute >= ? AND metric = ANY (?)"
            + " GROUP BY minute, metric ORDER BY minute";
    private static final String LATEST_ERRORS = "SELECT at, source, type, detail, trace_id"
            + " FROM analytics.recent_error"
            + " ORDER BY at DESC, id LIMIT ?";

    private final DataSource dataSource;

    public ActivityStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts the tallies not counted before, all in one transaction; returns those. */
    @Retry(retryOn = SQLException.class, maxRetries = -1, maxDuration = 0, delay = 1000, jitter = 500)
    public List<Tally> add(List<Tally> tallies) throws SQLException {
        if (tallies.isEmpty()) {
            return List.of();
        }
        // one order for every writer, so that two replicas counting overlapping batches never deadlock
        List<Tally> sorted = tallies.stream().sorted(Comparator.comparing(Tally::kind).thenComparing(Tally::id))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Tally> fresh = firstTimes(connection, sorted);
                add(connection, "minute", fresh, ChronoUnit.MINUTES);
                add(connection, "hour", fresh, ChronoUnit.HOURS);
                keepErrors(connection, fresh);
                keepSteps(connection, fresh);
                connection.commit();
                return fresh;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static List<Tally> firstTimes(Connection connection, List<Tally> sorted) throws SQLException {
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(COUNTED)) {
            insert.setArray(1, connection.createArrayOf("text", sorted.stream().map(t -> clean(t.kind())).toArray()));
            insert.setArray(2, connection.createArrayOf("text", sorted.stream().map(t -> clean(t.id())).toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString("kind") + '\n' + rows.getString("id"));
                }
            }
        }
        List<Tally> first = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Tally tally : sorted) {
            String key = clean(tally.kind()) + '\n' + clean(tally.id());
            if (fresh.contains(key) && taken.add(key)) { // the same event twice in one batch counts once
                first.add(tally);
            }
        }
        return first;
    }

    private static void add(Connection connection, String period, List<Tally> tallies, ChronoUnit unit)
            throws SQLException {
        Map<List<String>, Long> sums = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2)));
        for (Tally tally : tallies) {
            String at = tally.at().truncatedTo(unit).toString();
            tally.counts().stream().filter(count -> count.amount() > 0).forEach(count -> sums.merge(
                    List.of(at, clean(count.metric()), clean(count.label())), count.amount(), Long::sum));
        }
        if (sums.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(ADD.formatted(period))) {
            upsert.setArray(1, connection.createArrayOf("timestamptz", sums.keySet().stream()
                    .map(key -> Timestamp.from(Instant.parse(key.get(0)))).toArray()));
            upsert.setArray(2, texts(connection, sums.keySet().stream().map(key -> key.get(1))));
            upsert.setArray(3, texts(connection, sums.keySet().stream().map(key -> key.get(2))));
            upsert.setArray(4, connection.createArrayOf("bigint", sums.values().toArray()));
            upsert.executeUpdate();
        }
    }

    private static Array texts(Connection connection, Stream<String> values)
            throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static void keepErrors(Connection connection, List<Tally> tallies) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(ERROR)) {
            for (Tally tally : tallies) {
                Tally.Failure failure = tally.failure();
                if (failure == null) {
                    continue;
                }
                String detail = failure.detail() == null ? "" : clean(failure.detail());
                insert.setString(1, clean(tally.kind() + ":" + tally.id()));
                insert.setTimestamp(2, Timestamp.from(tally.at()));
                insert.setString(3, clean(failure.source()));
                insert.setString(4, clean(failure.type()));
                insert.setString(5, shortened(detail));
                insert.setString(6, tally.traceId() == null ? null : clean(tally.traceId()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void keepSteps(Connection connection, List<Tally> tallies) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(STEP)) {
            for (Tally tally : tallies) {
                if (tally.traceId() == null) {
                    continue;
                }
                for (Tally.Step step : tally.steps()) {
                    insert.setString(1, clean(tally.traceId()));
                    insert.setString(2, clean(tally.id()));
                    insert.setString(3, clean(step.name()));
                    insert.setTimestamp(4, Timestamp.from(step.at()));
                    insert.setString(5, clean(step.service()));
                    insert.setString(6, step.detail() == null ? null : shortened(clean(step.detail())));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static String shortened(String text) {
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    /**
     * The timeline of the message a trace id, or the id of any event on it (the message's, a reply's, a delivery's),
     * names: its steps in the order they happened; empty when nothing is known of it.
     */
    public List<Tally.Step> timeline(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(TRACE_OF);
                PreparedStatement read = connection.prepareStatement(TIMELINE)) {
            find.setString(1, id);
            find.setString(2, id);
            String trace;
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    return List.of();
                }
                trace = rows.getString("trace_id");
            }
            read.setString(1, trace);
            List<Tally.Step> steps = new ArrayList<>();
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    steps.add(new Tally.Step(rows.getString("step"), rows.getTimestamp("at").toInstant(),
                            rows.getString("service"), rows.getString("detail")));
                }
            }
            return steps;
        }
    }

    /** Each metric's totals by label, over the hours since {@code since}. */
    public Map<String, Map<String, Long>> totals(Instant since) throws SQLException {
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(TOTALS)) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    totals.computeIfAbsent(rows.getString("metric"), metric -> new TreeMap<>())
                            .put(rows.getString("label"), rows.getLong("amount"));
                }
            }
        }
        return totals;
    }

    /** The metrics' amounts per minute since {@code since}, oldest first; minutes with nothing are left out. */
    public List<Minute> perMinute(Instant since, List<String> metrics) throws SQLException {
        Map<Instant, Map<String, Long>> minutes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(PER_MINUTE)) {
            query.setTimestamp(1, Timestamp.from(since));
            query.setArray(2, connection.createArrayOf("text", metrics.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    minutes.computeIfAbsent(rows.getTimestamp("minute").toInstant(), minute -> new TreeMap<>())
                            .put(rows.getString("metric"), rows.getLong("amount"));
                }
            }
        }
        return minutes.entrySet().stream().map(minute -> new Minute(minute.getKey(), minute.getValue())).toList();
    }

    /** One minute's amounts, by metric. */
    public record Minute(Instant at, Map<String, Long> amounts) {
    }

    /** The latest errors, newest first. */
    public List<RecentError> latestErrors(int most) throws SQLException {
        List<RecentError> errors = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(LATEST_ERRORS)) {
            query.setInt(1, most);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    errors.add(new RecentError(rows.getTimestamp("at").toInstant(), rows.getString("source"),
                            rows.getString("type"), rows.getString("detail"), rows.getString("trace_id")));
                }
            }
        }
        return errors;
    }

    /** One error: when, where it came from, what kind, what it said, and its message's trace (null: none). */
    public record RecentError(Instant at, String source, String type, String detail, String traceId) {
    }

    /**
     * Drops what is kept no longer: event ids, minutes and timelines after two days, hours after 400, all but the
     * newest errors.
     */
    public void sweep(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            sweep(connection, "DELETE FROM analytics.counted_event WHERE counted_at < ?", now.minus(KEPT_IN_DETAIL));
            sweep(connection, "DELETE FROM analytics.activity_minute WHERE minute < ?", now.minus(KEPT_IN_DETAIL));
            sweep(connection, "DELETE FROM analytics.trace_step WHERE at < ?", now.minus(KEPT_IN_DETAIL));
            sweep(connection, "DELETE FROM analytics.activity_hour WHERE hour < ?",
                    now.minus(Duration.ofDays(400)));
            try (PreparedStatement trim = connection.prepareStatement("DELETE FROM analytics.recent_error WHERE id IN"
                    + " (SELECT id FROM analytics.recent_error ORDER BY at DESC, id OFFSET ?)")) {
                trim.setInt(1, ERRORS_KEPT);
                trim.executeUpdate();
            }
        }
    }

    private static void sweep(Connection connection, String sql, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.executeUpdate();
        }
    }

    /** PostgreSQL's text holds no NUL character. */
    private static String clean(String text) {
        return text == null ? "" : text.replace("\u0000", "");
    }
}
