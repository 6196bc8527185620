package io.acore.memory.repository;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** Conversation history in PostgreSQL. */
@ApplicationScoped
public class MessageRepository {
    private static final String INSERT = """
            INSERT INTO conversation_message
                (id, conversation_id, role, author_id, author_name, content, in_reply_to, trace_id, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String RECENT = """
            SELECT id, conversation_id, role, author_id, author_name, content, in_reply_to, trace_id, occurred_at
            FROM conversation_message
            WHERE conversation_id = ?
            ORDER BY occurred_at DESC, seq DESC
            LIMIT ?
            """;

    private static final String BY_AUTHOR = """
            SELECT id, conversation_id, role, author_id, author_name, content, in_reply_to, trace_id, occurred_at
            FROM conversation_message
            WHERE author_id = ? AND role = ?
            ORDER BY occurred_at, seq
            """;
    private static final String DELETE_BY_AUTHOR = "DELETE FROM conversation_message WHERE author_id = ? AND role = ?";

    private final DataSource dataSource;

    public MessageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the message unless one with the same id is already there; returns whether it was new. */
    public boolean store(StoredMessage message) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, message.id());
            insert.setString(2, message.conversationId().toString());
            insert.setString(3, message.role().wireName());
            insert.setString(4, message.authorId());
            insert.setString(5, message.authorName());
            insert.setString(6, message.content());
            insert.setString(7, message.inReplyTo());
            insert.setString(8, message.traceId());
            insert.setTimestamp(9, Timestamp.from(message.occurredAt()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw translate("storing message " + message.id(), e);
        }
    }

    /** The newest {@code limit} messages of a conversation, returned oldest first. */
    public List<StoredMessage> recent(ConversationId conversationId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(RECENT)) {
            query.setString(1, conversationId.toString());
            query.setInt(2, limit);
            List<StoredMessage> newestFirst = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    newestFirst.add(read(rows));
                }
            }
            Collections.reverse(newestFirst);
            return newestFirst;
        } catch (SQLException e) {
            throw translate("reading conversation " + conversationId, e);
        }
    }

    /** Everything a user wrote, in every conversation, oldest first. */
    public List<StoredMessage> byAuthor(String authorId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(BY_AUTHOR)) {
            query.setString(1, authorId);
            query.setString(2, Role.USER.wireName());
            List<StoredMessage> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(read(rows));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw translate("reading the messages of " + authorId, e);
        }
    }

    /** Erases everything a user wrote; returns how many messages went. */
    public int deleteByAuthor(String authorId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_BY_AUTHOR)) {
            delete.setString(1, authorId);
            delete.setString(2, Role.USER.wireName());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw translate("erasing the messages of " + authorId, e);
        }
    }

    private static StoredMessage read(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("id"), ConversationId.fromString(row.getString("conversation_id")),
                Role.fromWireName(row.getString("role")), row.getString("author_id"), row.getString("author_name"),
                row.getString("content"), row.getString("in_reply_to"), row.getString("trace_id"),
                row.getTimestamp("occurred_at").toInstant());
    }

    /** Connection-class failures (SQLState 08…, server shutting down 57P…, no state at all) are worth a retry. */
    private static RuntimeException translate(String what, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57P")) {
            return new StorageUnavailableException("database unavailable while " + what + ": " + e.getMessage(), e);
        }
        return new IllegalStateException("database rejected " + what + ": " + e.getMessage(), e);
    }
}
