package io.acore.memory.repository;

import io.acore.events.api.RememberedFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * What users told about themselves: per persona, and a tier shared by every persona ({@value #SHARED}); one fact
 * per topic, reconciled as new statements come in.
 */
@ApplicationScoped
public class FactRepository {
    public static final String SHARED = "*";
    private static final String ABOUT = """
            SELECT kind, content, persona_id, updated_at FROM memory_fact
            WHERE scope = ? AND user_id = ? AND persona_id IN (?, '*')
            ORDER BY confidence DESC, updated_at DESC
            LIMIT ?
            """;
    private static final String TO_CHECK = """
            SELECT m.id, m.scope, m.author_id, m.author_name, m.content, r.author_id AS persona_id
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
            SELECT content FROM memory_fact WHERE scope = ? AND user_id = ? AND persona_id = ? AND topic = ?
            """;
    private static final String INSERT = """
            INSERT INTO memory_fact (scope, user_id, persona_id, topic, kind, content, source_ids, confidence)
            VALUES (?, ?, ?, ?, ?, ?, ARRAY[?], ?)
            """;
    private static final String UPDATE = """
            UPDATE memory_fact SET kind = ?, content = ?, confidence = ?, updated_at = now(),
                source_ids = CASE WHEN ? = ANY (source_ids) THEN source_ids ELSE source_ids || ? END
            WHERE scope = ? AND user_id = ? AND persona_id = ? AND topic = ?
            """;
    private static final String DELETE = """
            DELETE FROM memory_fact WHERE scope = ? AND user_id = ? AND persona_id = ? AND topic = ?
            """;
    private static final String KEEP_BOUND = """
            DELETE FROM memory_fact WHERE id IN (
                SELECT id FROM memory_fact WHERE scope = ? AND user_id = ? AND persona_id = ?
                ORDER BY confidence DESC, updated_at DESC OFFSET ?)
            """;

    private final DataSource dataSource;

    public FactRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A user turn to look for facts in, with the persona that answered it, if one did. */
    public record TurnToCheck(String id, String scope, String userId, String userName, String content,
            String answeredBy) {
    }

    /** Whose facts, in which tier: {@code personaId} is a persona's id or {@value #SHARED}. */
    public record Holder(String scope, String userId, String personaId) {
    }

    /** A statement about the speaker, as the extractor understood it. */
    public record Statement(String topic, String kind, String content, double confidence, boolean retracts) {
    }

    /** What a statement did to what was stored. */
    public enum Outcome {
        LEARNED, UPDATED, UNCHANGED, FORGOTTEN, NOTHING
    }

    /** What the persona knows about the user in the scope, its own facts and the shared ones, surest first. */
    public List<RememberedFact> about(String scope, String userId, String personaId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(ABOUT)) {
            query.setString(1, scope);
            query.setString(2, userId);
            query.setString(3, personaId);
            query.setInt(4, limit);
            List<RememberedFact> facts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    facts.add(new RememberedFact(rows.getString("kind"), rows.getString("content"),
                            SHARED.equals(rows.getString("persona_id")), rows.getTimestamp("updated_at").toInstant()));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading facts about " + userId, e);
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
                    turns.add(new TurnToCheck(rows.getString("id"), rows.getString("scope"), rows.getString("author_id"),
                            rows.getString("author_name"), rows.getString("content"), rows.getString("persona_id")));
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
     * Reconciles a statement with what is stored under its topic, in one transaction: a new topic is added (the
     * holder keeping at most {@code most} facts, the least sure going first), a changed one updated, a repeated one
     * left as it is, a retracted one deleted.
     */
    public Outcome reconcile(Holder holder, Statement statement, String sourceId, int most) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ErasureLock.forWriting(connection);
                Outcome outcome = stillThere(connection, sourceId)
                        ? reconcile(connection, holder, statement, sourceId, most) : Outcome.NOTHING;
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

    private static Outcome reconcile(Connection connection, Holder holder, Statement statement, String sourceId,
            int most) throws SQLException {
        String current = null;
        try (PreparedStatement query = bound(connection.prepareStatement(CURRENT), holder, statement.topic(), 1)) {
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    current = rows.getString(1);
                }
            }
        }
        if (statement.retracts()) {
            if (current == null) {
                return Outcome.NOTHING;
            }
            try (PreparedStatement delete = bound(connection.prepareStatement(DELETE), holder, statement.topic(), 1)) {
                delete.executeUpdate();
            }
            return Outcome.FORGOTTEN;
        }
        if (current == null) {
            try (PreparedStatement insert = bound(connection.prepareStatement(INSERT), holder, statement.topic(), 1)) {
                insert.setString(5, statement.kind());
                insert.setString(6, statement.content());
                insert.setString(7, sourceId);
                insert.setDouble(8, statement.confidence());
                insert.executeUpdate();
            }
            try (PreparedStatement trim = bound(connection.prepareStatement(KEEP_BOUND), holder, null, 1)) {
                trim.setInt(4, most);
                trim.executeUpdate();
            }
            return Outcome.LEARNED;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, statement.kind());
            update.setString(2, statement.content());
            update.setDouble(3, statement.confidence());
            update.setString(4, sourceId);
            update.setString(5, sourceId);
            bound(update, holder, statement.topic(), 6).executeUpdate();
        }
        return current.equalsIgnoreCase(statement.content()) ? Outcome.UNCHANGED : Outcome.UPDATED;
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
