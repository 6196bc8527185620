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
 * Who members called on in each conversation, and when they wrote it (table {@code persona.called}), shared by every
 * replica. Members are known by the digest of their id only. Every method throws {@link SQLException} while the
 * database is down.
 */
@ApplicationScoped
public class CallRecords {
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

    public CallRecords(DataSource database) {
        this.database = database;
    }

    /** A member's message called on a persona; recording it again changes nothing. */
    public void record(String messageId, ConversationId conversation, String authorDigest, String personaId,
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

    /** Drops the calls written before {@code before}; returns how many. */
    public int forgetBefore(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM persona.called WHERE called_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
