package io.acore.persona.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The messages whose final reply is published (table {@code persona.answered}), shared by every replica. Every method
 * throws {@link SQLException} while the database is down.
 */
@ApplicationScoped
public class AnswerRecords {
    private final DataSource database;

    public AnswerRecords(DataSource database) {
        this.database = database;
    }

    public boolean answered(String messageId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM persona.answered WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public void record(String messageId, String replyId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO persona.answered"
                        + " (message_id, reply_id) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING")) {
            insert.setString(1, messageId);
            insert.setString(2, replyId);
            insert.executeUpdate();
        }
    }

    /** Drops what was answered before {@code before}; returns how many. */
    public int forgetBefore(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM persona.answered WHERE answered_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
