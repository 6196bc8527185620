package io.acore.memory.repository;

import io.acore.events.api.RememberedFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What users told about themselves: per persona, and a tier shared by every persona ({@value #SHARED}); one fact
 * per topic holds at a time, reconciled as new statements come in. A fact a later statement changed or retracted is
 * kept, with when it stopped holding ({@code valid_until}): what held before is still known as such.
 */
@ApplicationScoped
public class FactRepository {
    public static final String SHARED = "*";
    /**
     * A shared fact learned only in conversations the persona did not see (the second array) is not the persona's to
     * know; its own facts it learned where it was.
     */
    private static final String HELD = """
            SELECT kind, content, persona_id, confidence, valid_from, valid_until, vector FROM memory_fact f
            WHERE scope = ? AND user_id = ? AND persona_id IN (?, '*')
              AND (persona_id <> '*' OR cardinality(?::text[]) = 0
                   OR EXISTS (SELECT 1 FROM conversation_message s
                              WHERE s.id = ANY (f.source_ids) AND s.conversation_id <> ALL (?::text[]))
                   OR NOT EXISTS (SELECT 1 FROM conversation_message s WHERE s.id = ANY (f.source_ids)))
            ORDER BY valid_until IS NULL DESC, confidence DESC, valid_from DESC
            LIMIT ?
            """;
    private static final String HOLDING = """
            SELECT topic, content FROM memory_fact
            WHERE scope = ? AND user_id = ? AND persona_id IN (?, '*') AND valid_until IS NULL
            ORDER BY topic
            """;
    private static final String TO_CHECK = """
            SELECT m.id, m.conversation_id, m.scope, m.author_id, m.author_name, m.content, m.occurred_at, r.author_id AS persona_id
            FROM conversation_message m
            JOIN LATERAL (SELECT r.author_id FROM conversation_message r
                          WHERE r.in_reply_to = m.id AND r.role = 'persona' ORDER BY r.seq LIMIT 1) r ON true
            WHERE NOT m.facts_checked AND m.stored_at < now() - make_interval(secs => ?)
              AND (m.stored_at < now() - make_interval(secs => ?)
                   OR NOT EXISTS (SELECT 1 FROM conversation_message n
                                  WHERE n.author_id = m.author_id AND n.scope = m.scope AND n.role = 'user'
                                    AND n.stored_at >= now() - make_interval(secs => ?)))
            ORDER BY m.seq
            LIMIT ?
            """;
    private static final String UNANSWERED = """
            UPDATE conversation_message m SET facts_checked = true
            WHERE NOT m.facts_checked AND m.stored_at < now() - make_interval(secs => ?)
              AND NOT EXISTS (SELECT 1 FROM conversation_message r WHERE r.in_reply_to = m.id AND r.role = 'persona')
            """;
    private static final String CHECKED = "UPDATE conversation_message SET facts_checked = true WHERE id = ANY (?)";
    private static final String CURRENT = """
            SELECT id, content FROM memory_fact
            WHERE scope = ? AND user_id = ? AND persona_id = ? AND topic = ? AND valid_until IS NULL
            """;
    private static final String INSERT = """
            INSERT INTO memory_fact (scope, user_id, persona_id, topic, kind, content, source_ids, confidence,
                                     valid_from, vector)
            VALUES (?, ?, ?, ?, ?, ?, ARRAY[?], ?, ?, ?)
            RETURNING id
            """;
    private static final String CONFIRM = """
            UPDATE memory_fact SET kind = ?, confidence = ?, updated_at = now(), vector = coalesce(vector, ?),
                source_ids = CASE WHEN ? = ANY (source_ids) THEN source_ids ELSE source_ids || ? END
            WHERE id = ?
            """;
    /** Said before the fact was (a turn read late): it still ends no earlier than it began. */
    private static final String CLOSE = """
            UPDATE memory_fact SET valid_until = greatest(?, valid_from), updated_at = now() WHERE id = ?
            """;
    private static final String KEEP_BOUND = """
            DELETE FROM memory_fact WHERE id IN (
                SELECT id FROM memory_fact WHERE scope = ? AND user_id = ? AND persona_id = ? AND valid_until IS NULL
                ORDER BY confidence DESC, valid_from DESC OFFSET ?)
            RETURNING id
            """;
    private static final String KEEP_PAST_BOUND = """
            DELETE FROM memory_fact WHERE id IN (
                SELECT id FROM memory_fact WHERE scope = ? AND user_id = ? AND persona_id = ? AND valid_until IS NOT NULL
                ORDER BY valid_until DESC OFFSET ?)
            """;

    private final DataSource dataSource;

    public FactRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A user turn to look for facts in, said at {@code said}, with the persona that answered it. */
    public record TurnToCheck(String id, String conversationId, String scope, String userId, String userName,
            String content, Instant said, String answeredBy) {
    }

    /** Whose facts, in which tier: {@code personaId} is a persona's id or {@value #SHARED}. */
    public record Holder(String scope, String userId, String personaId) {
    }

    /**
     * A statement about the speaker, as the extractor understood it; {@code inCharacter}: said while playing a role
     * in a story, not about their real self.
     */
    public record Statement(String topic, String kind, String content, double confidence, boolean retracts,
            boolean inCharacter) {
    }

    /** Where a statement comes from: the newest turn read for it, and when that was said. */
    public record Source(String turnId, Instant said) {
    }

    /** A fact as a prompt's choice sees it: how sure the extractor was, and what it means (none if stored without). */
    public record HeldFact(RememberedFact fact, double confidence, float[] vector) {
    }

    /** A fact that holds now, under its topic: what the extractor reconciles a new statement with. */
    public record Holding(String topic, String content) {
    }

    /** What a statement did to what was stored. */
    public enum Outcome {
        LEARNED, UPDATED, UNCHANGED, FORGOTTEN, NOTHING
    }

    /**
     * What the persona knows about the user in the scope, its own facts and the shared ones not learned only in the
     * {@code unseen} conversations, at most {@code most}: those that hold first, surest first, then those that held
     * before.
     */
    public List<HeldFact> held(String scope, String userId, String personaId, int most, Set<String> unseen) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(HELD)) {
            Array conversations = connection.createArrayOf("text", unseen.toArray());
            query.setString(1, scope);
            query.setString(2, userId);
            query.setString(3, personaId);
            query.setArray(4, conversations);
            query.setArray(5, conversations);
            query.setInt(6, most);
            List<HeldFact> facts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byte[] vector = rows.getBytes("vector");
                    facts.add(new HeldFact(new RememberedFact(rows.getString("kind"), rows.getString("content"),
                            SHARED.equals(rows.getString("persona_id")), instant(rows.getTimestamp("valid_from")),
                            instant(rows.getTimestamp("valid_until"))), rows.getDouble("confidence"),
                            vector == null ? null : EmbeddingRepository.floats(vector)));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading facts about " + userId, e);
        }
    }

    /** The facts that hold about the user for the persona (its own and the shared ones), by topic. */
    public List<Holding> holding(String scope, String userId, String personaId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(HOLDING)) {
            query.setString(1, scope);
            query.setString(2, userId);
            query.setString(3, personaId);
            List<Holding> facts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    facts.add(new Holding(rows.getString("topic"), rows.getString("content")));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the facts held about " + userId, e);
        }
    }

    /**
     * The oldest user turns a persona answered and not looked at yet, stored at least {@code settle} ago (their reply
     * is in by then), each with the persona that answered it; a turn waits while its speaker goes on in the same
     * scope (no pause of {@code settle} yet), at most {@code longestWait}, so that one call reads what they said.
     */
    public List<TurnToCheck> toCheck(Duration settle, Duration longestWait, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(TO_CHECK)) {
            query.setDouble(1, settle.toMillis() / 1000.0);
            query.setDouble(2, longestWait.toMillis() / 1000.0);
            query.setDouble(3, settle.toMillis() / 1000.0);
            query.setInt(4, limit);
            List<TurnToCheck> turns = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    turns.add(new TurnToCheck(rows.getString("id"), rows.getString("conversation_id"),
                            rows.getString("scope"), rows.getString("author_id"),
                            rows.getString("author_name"), rows.getString("content"),
                            rows.getTimestamp("occurred_at").toInstant(), rows.getString("persona_id")));
                }
            }
            return turns;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading turns to look for facts in", e);
        }
    }

    /**
     * Passes over the user turns no persona answered within {@code wait}: what people say among themselves is
     * remembered as history, but nothing is learned about them from it. Returns how many were passed over.
     */
    public int passOverUnanswered(Duration wait) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(UNANSWERED)) {
            update.setDouble(1, wait.toMillis() / 1000.0);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("passing over turns no persona answered", e);
        }
    }

    public void markChecked(Collection<String> ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(CHECKED)) {
            update.setArray(1, MessageRepository.textArray(update, ids));
            update.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("marking turns looked at", e);
        }
    }

    /**
     * Reconciles a statement with what holds under its topic, in one transaction: a new topic is added (the holder
     * keeping at most {@code most} facts that hold, the least sure going first), a repeated one confirmed, a changed
     * one replaced and a retracted one closed, each closed fact kept as what held before (at most {@code most} of
     * those, the longest past going first). {@code vector} is what the statement means.
     */
    public Outcome reconcile(Holder holder, Statement statement, Source source, float[] vector, int most) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ErasureLock.forWriting(connection);
                Outcome outcome = stillThere(connection, source.turnId())
                        ? reconcile(connection, holder, statement, source, vector, most) : Outcome.NOTHING;
                connection.commit();
                return outcome;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("storing a fact about " + holder.userId(), e);
        }
    }

    /** Whether the turn a fact came from is still stored: its author may have been erased meanwhile. */
    private static boolean stillThere(Connection connection, String sourceId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM conversation_message WHERE id = ?")) {
            query.setString(1, sourceId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Outcome reconcile(Connection connection, Holder holder, Statement statement, Source source,
            float[] vector, int most) throws SQLException {
        Long current = null;
        String content = null;
        try (PreparedStatement query = bound(connection.prepareStatement(CURRENT), holder, statement.topic(), 1)) {
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    current = rows.getLong(1);
                    content = rows.getString(2);
                }
            }
        }
        if (statement.retracts()) {
            if (current == null) {
                return Outcome.NOTHING;
            }
            close(connection, holder, current, source, most);
            return Outcome.FORGOTTEN;
        }
        if (current != null && content.equalsIgnoreCase(statement.content())) {
            try (PreparedStatement confirm = connection.prepareStatement(CONFIRM)) {
                confirm.setString(1, statement.kind());
                confirm.setDouble(2, statement.confidence());
                confirm.setBytes(3, vector == null ? null : EmbeddingRepository.bytes(vector));
                confirm.setString(4, source.turnId());
                confirm.setString(5, source.turnId());
                confirm.setLong(6, current);
                confirm.executeUpdate();
            }
            return Outcome.UNCHANGED;
        }
        if (current != null) {
            close(connection, holder, current, source, most);
        }
        long added;
        try (PreparedStatement insert = bound(connection.prepareStatement(INSERT), holder, statement.topic(), 1)) {
            insert.setString(5, statement.kind());
            insert.setString(6, statement.content());
            insert.setString(7, source.turnId());
            insert.setDouble(8, statement.confidence());
            insert.setTimestamp(9, Timestamp.from(source.said()));
            insert.setBytes(10, vector == null ? null : EmbeddingRepository.bytes(vector));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                added = rows.getLong(1);
            }
        }
        if (current != null) {
            return Outcome.UPDATED;
        }
        try (PreparedStatement trim = bound(connection.prepareStatement(KEEP_BOUND), holder, null, 1)) {
            trim.setInt(4, most);
            try (ResultSet dropped = trim.executeQuery()) {
                while (dropped.next()) {
                    if (dropped.getLong(1) == added) {
                        return Outcome.NOTHING; // less sure than every fact the holder keeps
                    }
                }
            }
        }
        return Outcome.LEARNED;
    }

    /** Ends a fact as of when its successor or retraction was said, keeping the holder's past facts bounded. */
    private static void close(Connection connection, Holder holder, long fact, Source source, int most)
            throws SQLException {
        try (PreparedStatement close = connection.prepareStatement(CLOSE)) {
            close.setTimestamp(1, Timestamp.from(source.said()));
            close.setLong(2, fact);
            close.executeUpdate();
        }
        try (PreparedStatement trim = bound(connection.prepareStatement(KEEP_PAST_BOUND), holder, null, 1)) {
            trim.setInt(4, most);
            trim.executeUpdate();
        }
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Sets the holder (and the topic, when given) from parameter {@code first} on. */
    private static PreparedStatement bound(PreparedStatement statement, Holder holder, String topic, int first)
            throws SQLException {
        statement.setString(first, holder.scope());
        statement.setString(first + 1, holder.userId());
        statement.setString(first + 2, holder.personaId());
        if (topic != null) {
            statement.setString(first + 3, topic);
        }
        return statement;
    }
}
