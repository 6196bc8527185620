package io.acore.persona.repository;

import io.acore.events.ConversationId;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What persona-service decided about each message, shared by every replica: whom a member's message called on, and
 * when they wrote it (table {@code persona.called}; members are known by the digest of their id only), and which
 * messages have their final reply published ({@code persona.answered}). Every method throws {@link SQLException}
 * while the database is down.
 */
@ApplicationScoped
public class ReplyDecisions {
    private static final String RECORD = """
            INSERT INTO persona.called (message_id, conversation_id, author_digest, persona_id, called_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (message_id) DO NOTHING
            """;
    /** The member's own latest call in the stretch first, then (when asked) anyone's. */
    private static final String LAST = """
            SELECT persona_id FROM persona.called
            WHERE conversation_id = ? AND called_at >= ? AND called_at <= ? AND message_id <> ?
              AND (author_digest = ? OR ?)
            ORDER BY author_digest = ? DESC, called_at DESC
            LIMIT 1
            """;

    private final DataSource database;

    public ReplyDecisions(DataSource database) {
        this.database = database;
    }

    /** A member's message called on a persona; recording it again changes nothing. */
    public void called(String messageId, ConversationId conversation, String authorDigest, String personaId,
            Instant at) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, messageId);
            insert.setString(2, conversation.toString());
            insert.setString(3, authorDigest);
            insert.setString(4, personaId);
            insert.setTimestamp(5, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    /**
     * The persona called last in the conversation from {@code from} to {@code until} (message times) by the member
     * or, if {@code byAnyone} and they called nobody then, by anyone; {@code messageId}'s own call left out.
     */
    public Optional<String> lastCalled(ConversationId conversation, String authorDigest, boolean byAnyone,
            Instant from, Instant until, String messageId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(LAST)) {
            query.setString(1, conversation.toString());
            query.setTimestamp(2, Timestamp.from(from));
            query.setTimestamp(3, Timestamp.from(until));
            query.setString(4, messageId);
            query.setString(5, authorDigest);
            query.setBoolean(6, byAnyone);
            query.setString(7, authorDigest);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Forgets an erased member's calls. */
    public void forget(String authorDigest) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM persona.called WHERE author_digest = ?")) {
            delete.setString(1, authorDigest);
            delete.executeUpdate();
        }
    }

    public boolean isAnswered(String messageId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM persona.answered WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public void answered(String messageId, String replyId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO persona.answered"
                        + " (message_id, reply_id) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING")) {
            insert.setString(1, messageId);
            insert.setString(2, replyId);
            insert.executeUpdate();
        }
    }

    /** Drops the calls written, and the answers published, before {@code before}; returns how many rows. */
    public int forgetBefore(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement("""
                        WITH calls AS (DELETE FROM persona.called WHERE called_at < ? RETURNING 1),
                             answers AS (DELETE FROM persona.answered WHERE answered_at < ? RETURNING 1)
                        SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM answers)
                        """)) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.setTimestamp(2, Timestamp.from(before));
            try (ResultSet rows = delete.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
